#!/usr/bin/env bash
# Checks the deployment artifacts without deploying anything (no Docker engine, no cluster):
#   1. systemd: `systemd-analyze verify` of every unit in systemd/ (an instance of each
#      template), the sandbox rating of `systemd-analyze security`, and what the units must keep
#      (stop timeout above the grace, no MemoryDenyWriteExecute, templates alike, env example
#      complete);
#   2. manifests: every YAML file under deploy/ parsed by a real YAML parser, with structural
#      checks of the Kubernetes objects, the compose file and the Dockerfiles, and every
#      worker family's files there (deploy/check-manifests.py), and `kubectl kustomize` when
#      kubectl is there;
#   3. database roles: the jobfleet migrations, the families' reference app tables and
#      deploy/sql/*.sql applied twice to a
#      throwaway PostgreSQL, then each role tried: what it must be able to do, and what not.
# Installs what it lacks from Debian's packages when run as root (systemd, python3-yaml,
# postgresql). Exits non-zero on any problem.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
failures=0
fail() { echo "  FAIL $*"; failures=$((failures + 1)); }
section() { echo "== $*"; }

apt_updated=
ensure_package() { # ensure_package PACKAGE CHECK-COMMAND...
    local pkg=$1; shift
    "$@" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "  missing: $pkg (run as root to install it, or install it yourself)"; return 1
    fi
    echo "  installing $pkg"
    if [ -z "$apt_updated" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null
    "$@" >/dev/null 2>&1
}

# --- 1. systemd -----------------------------------------------------------------------------
section "systemd units"
if ensure_package systemd command -v systemd-analyze; then
    units=$(mktemp -d)
    trap 'rm -rf "$units"' EXIT
    cp systemd/*.service systemd/*.target "$units"/
    targets=()
    for f in "$units"/*; do
        name=$(basename "$f")
        case "$name" in
            *@.service) targets+=("$units/${name%@.service}@1.service") ;;  # an instance
            *) targets+=("$f") ;;
        esac
    done
    # Warnings count as problems too: verify exits 0 on an unknown key.
    out=$(systemd-analyze verify --man=no --recursive-errors=no "${targets[@]}" 2>&1)
    rc=$?
    if [ $rc -ne 0 ] || [ -n "$out" ]; then
        fail "systemd-analyze verify (exit $rc):"; echo "$out" | sed 's/^/    /'
    else
        echo "  systemd-analyze verify: ${#targets[@]} units, no error, no warning"
    fi
    for f in systemd/*.service; do
        name=$(basename "$f"); name=${name/@.service/@1.service}
        cp "$f" "$units/$name"
        # Fail above 2.5 (threshold in tenths): the units rate 1.5, "OK". A regression shows here.
        if ! out=$(systemd-analyze security --offline=yes --threshold=25 --no-pager "$units/$name" 2>&1); then
            fail "systemd-analyze security $name: exposure above 2.5"; echo "$out" | tail -n 3
        else
            echo "  $(echo "$out" | grep -o 'Overall exposure level.*')"
        fi
    done
    for f in systemd/jobfleet-*@.service systemd/jobfleet-migrate.service; do
        stop=$(sed -n 's/^TimeoutStopSec=\([0-9]*\)s\?$/\1/p' "$f")
        case "$f" in *@.service)
            [ -n "$stop" ] && [ "$stop" -gt 25 ] || fail "$f: TimeoutStopSec must exceed the 25 s grace"
            for key in 'Restart=on-failure' 'KillSignal=SIGTERM' 'DynamicUser=yes' \
                       'SystemCallFilter=@system-service' 'PartOf=jobfleet.target' \
                       'WantedBy=jobfleet.target' 'CapabilityBoundingSet='; do
                grep -qx "$key" "$f" || fail "$f: lacks $key"
            done ;;
        esac
        grep -q '^MemoryDenyWriteExecute=yes' "$f" && fail "$f: MemoryDenyWriteExecute=yes breaks the JIT"
        grep -qE '^Environment=JOBFLEET_(DB_PASSWORD|LLM_API_KEY|MESSAGES_HTTP_TOKEN|MESSAGES_TWILIO_AUTH_TOKEN)=' "$f" \
            && fail "$f: a secret in Environment="
    done
    # The templates differ only by the family name and its port range (941N ai, 942N documents,
    # 943N collections, 944N messages); messages also loads its provider's token (the lines that
    # name the messages-token credential, and the comments that say why).
    unit_shape() { # unit_shape FAMILY PORT-PREFIX [comments]: the template, family and port made generic
        if [ "${3:-}" = comments ]; then cat; else sed '/^#/d; /messages-token/d'; fi <"systemd/jobfleet-$1@.service" \
            | sed "s/\\b$1\\b/FAMILY/g; s/$2/PORT/g"
    }
    for fam_port in documents:942 collections:943 messages:944; do
        fam=${fam_port%:*} port=${fam_port#*:} comments=comments
        [ "$fam" = messages ] && comments=
        grep -qx "Environment=JOBFLEET_HTTP_PORT=$port%i" "systemd/jobfleet-$fam@.service" \
            || fail "systemd/jobfleet-$fam@.service: not on port ${port}N"
        if ! diff <(unit_shape ai 941 $comments) <(unit_shape "$fam" "$port" $comments) >/dev/null; then
            fail "systemd/jobfleet-$fam@.service differs from jobfleet-ai@.service beyond the family"
        fi
    done
    for var in MESSAGES_HTTP_TOKEN_FILE MESSAGES_TWILIO_AUTH_TOKEN_FILE; do
        grep -qx "Environment=JOBFLEET_$var=%d/messages-token" systemd/jobfleet-messages@.service \
            || fail "systemd/jobfleet-messages@.service: JOBFLEET_$var is not the messages-token credential"
    done
    env=systemd/jobfleet.env.example
    bad=$(grep -vE '^[[:space:]]*(#|$)|^[A-Z_][A-Z0-9_]*=' "$env")
    [ -z "$bad" ] || fail "$env: lines that are neither comments nor VAR=value: $bad"
    for var in DB_URL DB_USER DB_PASSWORD DB_PASSWORD_FILE SCHEMA APP_SCHEMA DB_POOL_SIZE \
               CONCURRENCY LEASE GRACE LISTEN HTTP_PORT HTTP_HOST LOG_FORMAT LLM_BASE_URL LLM_API_KEY \
               LLM_API_KEY_FILE LLM_MODEL LLM_RPM OTEL_ENDPOINT OTEL_SERVICE_NAME OTEL_SAMPLE_RATIO LLM_PRICES \
               MESSAGES_PROVIDER MESSAGES_HTTP_URL MESSAGES_HTTP_DEDUPLICATES MESSAGES_HTTP_TOKEN_FILE \
               MESSAGES_TWILIO_ACCOUNT_SID MESSAGES_TWILIO_FROM MESSAGES_TWILIO_URL MESSAGES_TWILIO_AUTH_TOKEN_FILE \
               MESSAGES_SEND_TIMEOUT MESSAGES_HISTORY MESSAGES_RATE_LIMIT; do
        grep -qE "^#?JOBFLEET_$var=" "$env" || fail "$env: JOBFLEET_$var is not documented"
    done
else
    fail "systemd-analyze is not available"
fi

# --- 2. manifests ---------------------------------------------------------------------------
section "manifests (YAML, Kubernetes, compose, Dockerfiles)"
# /usr/bin/python3 is Debian's Python, with Debian's python3-yaml; a python3 earlier on PATH
# (pyenv, venv) may lack it.
if ensure_package python3-yaml /usr/bin/python3 -c 'import yaml'; then
    /usr/bin/python3 deploy/check-manifests.py || fail "deploy/check-manifests.py found problems"
else
    fail "no YAML parser for /usr/bin/python3"
fi
if command -v kubectl >/dev/null 2>&1; then
    for k in deploy/k8s deploy/k8s-example; do
        if out=$(kubectl kustomize "$k" 2>&1); then
            echo "  kubectl kustomize $k: $(echo "$out" | grep -c '^kind:') objects"
        else
            fail "kubectl kustomize $k:"; echo "$out" | sed 's/^/    /'
        fi
    done
    # applying the base must never overwrite the operator's Secrets with example values
    kubectl kustomize deploy/k8s 2>/dev/null | grep -q '^kind: Secret$' && fail "deploy/k8s builds a Secret"
else
    echo "  (kubectl not installed: kustomize build skipped)"
fi

# --- 3. database roles ----------------------------------------------------------------------
section "database roles (deploy/sql) on a throwaway PostgreSQL"
pg_bin() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    return 1
}
if ensure_package postgresql pg_bin; then
    bin=$(pg_bin)
    pgdir=$(mktemp -d)
    run_pg() { # as the postgres user when root (initdb refuses root), from a folder it may read
        if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
    }
    [ "$(id -u)" = 0 ] && chown postgres "$pgdir"
    port=$((55000 + RANDOM % 1000))
    trap 'run_pg "$bin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pgdir" "${units:-}"' EXIT
    if run_pg "$bin/initdb" -D "$pgdir/data" -A trust -U postgres >"$pgdir/initdb.log" 2>&1 \
       && run_pg "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
              -o "-p $port -k $pgdir -c listen_addresses= -c fsync=off" start >/dev/null; then
        psql_as() { # psql_as ROLE SQL...: run as the superuser, or SET ROLE first
            local role=$1; shift
            psql -X -q -t -A -v ON_ERROR_STOP=1 -h "$pgdir" -p "$port" -U postgres -d app \
                ${role:+-c "SET ROLE $role"} "$@" 2>&1
        }
        psql -X -q -h "$pgdir" -p "$port" -U postgres -d postgres -c 'CREATE DATABASE app' >/dev/null
        # The jobfleet migrations, in version order, as the owner role.
        psql_as "" -c 'CREATE ROLE jobfleet_owner LOGIN' \
            -c 'CREATE SCHEMA jobfleet AUTHORIZATION jobfleet_owner' >/dev/null
        # Each migration in one transaction, as Flyway runs it (V10's ON COMMIT DROP table lives
        # through its migration).
        migration=$( { echo 'SET ROLE jobfleet_owner;'
            for m in $(ls worker-common/src/main/resources/db/migration/V*__*.sql | sort -V); do
                echo 'BEGIN;'; sed 's/\${flyway:defaultSchema}/jobfleet/g' "$m"; echo ';'; echo 'COMMIT;'
            done
            echo 'CREATE TABLE jobfleet.flyway_schema_history (installed_rank int PRIMARY KEY, version text);'
        } )
        # From standard input: statement by statement, as Flyway runs them.
        if ! out=$(psql_as "" -f - <<<"$migration"); then
            fail "jobfleet migrations:"; echo "$out" | sed 's/^/    /'
        fi
        # The families' reference app tables in public, as the app's migrations would make them.
        apptables=$( for m in $(ls worker-*/src/main/resources/db/app/*/V*__*.sql | sort -V); do
                sed 's/\${flyway:defaultSchema}/public/g' "$m"; echo ';'
            done )
        if ! out=$(psql_as "" -f - <<<"$apptables"); then
            fail "app tables:"; echo "$out" | sed 's/^/    /'
        fi
        # Every jobfleet function runs with a fixed search_path (V9; new functions need it too).
        out=$(psql_as "" -c "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                              WHERE n.nspname = 'jobfleet'
                                AND NOT coalesce(p.proconfig, '{}') @> '{\"search_path=pg_catalog, pg_temp\"}'")
        [ -z "$out" ] || fail "jobfleet functions without search_path = pg_catalog, pg_temp: $out"
        # As PostgreSQL 13 and 14 have it: PUBLIC may create in schema public (the scripts revoke it).
        psql_as "" -c 'GRANT CREATE ON SCHEMA public TO PUBLIC' >/dev/null
        for pass in 1 2; do
            for f in deploy/sql/worker-role.sql deploy/sql/app-role.sql deploy/sql/monitor-role.sql deploy/sql/console-role.sql; do
                if ! out=$(psql_as "" -f "$f"); then
                    fail "$f (run $pass):"; echo "$out" | sed 's/^/    /'
                fi
            done
        done
        # A role that may not create roles (the schema owner without CREATEROLE) is told what to do
        # before anything changes.
        for f in deploy/sql/worker-role.sql deploy/sql/app-role.sql deploy/sql/monitor-role.sql deploy/sql/console-role.sql; do
            if out=$(psql_as jobfleet_owner -f "$f"); then
                fail "$f ran as jobfleet_owner, which may not create roles"
            elif ! grep -q 'may not create or alter roles' <<<"$out"; then
                fail "$f as jobfleet_owner, which may not create roles:"; echo "$out" | sed 's/^/    /'
            else
                echo "  ok: $f tells a role without CREATEROLE what to do"
            fi
        done
        # The owner of the jobfleet schema and of the app tables, with CREATEROLE, as docs/operations.md
        # offers, runs them too (ALTER ROLE may name SUPERUSER, REPLICATION and BYPASSRLS only as a
        # superuser, even to turn them off); from PostgreSQL 16 it needs the ADMIN OPTION on the roles
        # the superuser created above.
        app_tables_to() { # app_tables_to ROLE: the owner of the app tables in public
            psql_as "" -f - >/dev/null <<<"SELECT format('ALTER TABLE public.%I OWNER TO %I', tablename, '$1')
                FROM pg_tables WHERE schemaname = 'public'
                \\gexec"
        }
        app_tables_to jobfleet_owner
        psql_as "" -c 'ALTER ROLE jobfleet_owner CREATEROLE' >/dev/null
        if [ "$(psql_as "" -c 'SHOW server_version_num')" -ge 160000 ]; then
            psql_as "" -f - >/dev/null <<<"SELECT format('GRANT %I TO jobfleet_owner WITH ADMIN OPTION', rolname)
                FROM pg_roles WHERE rolname ~ '^jobfleet_(worker|app|monitor|console)'
                \\gexec"
        fi
        for f in deploy/sql/worker-role.sql deploy/sql/app-role.sql deploy/sql/monitor-role.sql deploy/sql/console-role.sql; do
            if ! out=$(psql_as jobfleet_owner -f "$f"); then
                fail "$f as jobfleet_owner with CREATEROLE:"; echo "$out" | sed 's/^/    /'
            else
                echo "  ok: $f runs as the schema owner with CREATEROLE"
            fi
        done
        psql_as "" -c 'ALTER ROLE jobfleet_owner NOCREATEROLE' >/dev/null
        app_tables_to postgres
        # Families that are not deployed: their tables are left alone (they need not exist).
        if ! out=$(psql_as "" -v ai=off -v documents=off -v collections=off -v messages=off -f deploy/sql/worker-role.sql \
                   && psql_as "" -f deploy/sql/worker-role.sql); then
            fail "deploy/sql/worker-role.sql with every family off, then on:"; echo "$out" | sed 's/^/    /'
        fi
        psql_as "" -c 'CREATE ROLE w LOGIN IN ROLE jobfleet_worker' \
            -c 'CREATE ROLE wa LOGIN IN ROLE jobfleet_worker_ai' \
            -c 'CREATE ROLE wd LOGIN IN ROLE jobfleet_worker_documents' \
            -c 'CREATE ROLE wc LOGIN IN ROLE jobfleet_worker_collections' \
            -c 'CREATE ROLE wm LOGIN IN ROLE jobfleet_worker_messages' \
            -c 'CREATE ROLE a LOGIN IN ROLE jobfleet_app' \
            -c 'CREATE ROLE m LOGIN IN ROLE jobfleet_monitor' \
            -c 'CREATE ROLE c LOGIN IN ROLE jobfleet_console' \
            -c 'CREATE ROLE nobody LOGIN' \
            -c "INSERT INTO documents (user_id, file_name) VALUES ('u1', 'spec.pdf')" \
            -c "INSERT INTO invoices (user_id, file_name) VALUES ('u1', 'invoice.pdf')" \
            -c "INSERT INTO study_collections (user_id, title, target_flashcards, target_questions) VALUES ('u1', 'c', 1, 1)" \
            -c "INSERT INTO collection_sources (collection_id, position, kind, text) VALUES (1, 1, 'text', 'notes')" \
            -c "INSERT INTO ai_token_budgets (user_id, monthly_tokens) VALUES ('u1', 1000)" \
            -c "INSERT INTO incoming_messages (conversation_id, sender, body) VALUES ('c1', '+15550000001', 'hello')" \
            -c "INSERT INTO jobfleet.key_limits (queue, kind, max_per_key, ordered, key_field) VALUES ('messages', 'message.reply', 1, true, 'conversation_id'), ('messages', 'message.send', 1, true, NULL)" >/dev/null
        must() { # must ROLE WHAT SQL
            local out; out=$(psql_as "$1" -c "$3") || { fail "$1 cannot $2: $out"; return; }
            echo "  ok: $1 can $2"
        }
        must_not() {
            local out; out=$(psql_as "$1" -c "$3") && { fail "$1 can $2"; return; }
            grep -qE 'permission denied|must be owner' <<<"$out" || { fail "$1 $2: $out"; return; }
            echo "  ok: $1 cannot $2"
        }
        must a "enqueue with jobfleet.enqueue" "SELECT jobfleet.enqueue('ai'::text, 'ai.generate'::text, '{}'::jsonb, 0, now(), 'd1'::text)"
        must a "enqueue with the request's traceparent" "SELECT jobfleet.enqueue('ai'::text, 'ai.generate'::text, p_traceparent => '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'); INSERT INTO jobfleet.jobs (queue, kind, traceparent) VALUES ('ai', 'ai.generate', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')"
        must a "enqueue with INSERT ... RETURNING id" "INSERT INTO jobfleet.jobs (queue, kind, payload) VALUES ('ai', 'ai.generate', '{}') RETURNING id"
        must a "poll a job's status" "SELECT status, result, last_error, attempts FROM jobfleet.jobs WHERE id = 1"
        must a "cancel with jobfleet.cancel" "SELECT jobfleet.cancel(2::bigint)"
        must_not a "read payloads" "SELECT payload FROM jobfleet.jobs"
        must_not a "claim a job" "UPDATE jobfleet.jobs SET locked_by = 'x'"
        must_not a "delete jobs" "DELETE FROM jobfleet.jobs"
        claim="WITH due AS MATERIALIZED (SELECT id FROM jobfleet.jobs WHERE status = 'pending' AND queue = 'ai' AND scheduled_at <= now() ORDER BY priority DESC, scheduled_at, id LIMIT 5 FOR UPDATE SKIP LOCKED) UPDATE jobfleet.jobs j SET status = 'running', attempts = j.attempts + 1, locked_by = 'w', lease_until = now() + interval '15 s' FROM due WHERE j.id = due.id RETURNING j.id, j.payload; UPDATE jobfleet.jobs SET status = 'completed', result = '{}', completed_at = now(), lease_until = NULL WHERE locked_by = 'w' AND status = 'running'"
        for r in w wa wd wc wm; do
            must $r "enqueue, claim, renew and complete jobs" "SELECT jobfleet.enqueue('ai'::text, 'ai.generate'::text); $claim"
            must $r "notify" "SELECT pg_catalog.pg_notify('jobfleet.jobs', 'ai')"
            must $r "read the migration history" "SELECT count(*) FROM jobfleet.flyway_schema_history"
            must_not $r "create tables in public" "CREATE TABLE public.t (x int)"
            must_not $r "create tables in jobfleet" "CREATE TABLE jobfleet.t (x int)"
            must_not $r "change the schema" "ALTER TABLE jobfleet.jobs ADD COLUMN x int"
            must_not $r "write the migration history" "DELETE FROM jobfleet.flyway_schema_history"
            must_not $r "truncate jobs" "TRUNCATE jobfleet.jobs"
        done
        # The console (V12): reads the queue, acts as the operator commands do, appends to the audit.
        must c "read jobs with their payloads" "SELECT pg_catalog.to_jsonb(j) FROM jobfleet.jobs j"
        must c "retry a failed job" "UPDATE jobfleet.jobs SET status = 'pending', attempts = 0, scheduled_at = now(), result = NULL, locked_by = NULL, lease_until = NULL, started_at = NULL, completed_at = NULL, updated_at = now() WHERE status = 'failed'"
        must c "pause and resume a queue" "INSERT INTO jobfleet.pauses (queue, reason) VALUES ('ai', 'r'); DELETE FROM jobfleet.pauses WHERE queue = 'ai'"
        must c "write the audit" "INSERT INTO jobfleet.audit (actor, action, jobs) VALUES ('olivia', 'retry', 1)"
        must c "prune gone workers" "DELETE FROM jobfleet.workers WHERE seen_at < now() - interval '1 hour'"
        must_not c "rewrite the audit" "DELETE FROM jobfleet.audit"
        must_not c "delete jobs" "DELETE FROM jobfleet.jobs"
        must_not c "change a job's payload" "UPDATE jobfleet.jobs SET payload = '{}'"
        must_not c "change a cap" "UPDATE jobfleet.limits SET max_running = 1"
        for r in w wa; do
            must $r "keep its worker registry row" "INSERT INTO jobfleet.workers (worker_id, host, pid, version, queue, concurrency, heartbeat_seconds) VALUES ('$r', 'h', 1, 'v', 'ai', 1, 10) ON CONFLICT (worker_id) DO UPDATE SET held = excluded.held, seen_at = now(); DELETE FROM jobfleet.workers WHERE worker_id = '$r'"
        done
        must w "prune finished jobs" "DELETE FROM jobfleet.jobs WHERE status IN ('completed', 'failed', 'cancelled')"
        # Each family role: its own tables, only the columns it writes, nothing of another family.
        must wa "reserve and settle tokens" "SELECT ai_remaining_tokens('u1'::text, 100::bigint); INSERT INTO ai_usage_ledger (job_id, attempt, user_id, model, prompt_tokens, completion_tokens, total_tokens, reserved_tokens, state) VALUES (1, 1, 'u1', 'm', 0, 0, 50, 50, 'reserved'); UPDATE ai_usage_ledger SET model = 'm2', prompt_tokens = 1, completion_tokens = 2, total_tokens = 3, state = 'completed', settled_at = now() WHERE job_id = 1"
        must_not wa "change whose tokens a ledger row counts" "UPDATE ai_usage_ledger SET user_id = 'u2'"
        must_not wa "change a budget" "UPDATE ai_token_budgets SET monthly_tokens = NULL"
        must_not wa "read documents" "SELECT * FROM documents"
        must_not wa "read study collections" "SELECT * FROM study_collections"
        must wd "set a document's requirement status" "UPDATE documents SET requirement_status = 'DONE', requirement_processed_at = now(), requirement_error_message = NULL, updated_at = now() WHERE id = 1"
        must wd "replace a document's requirements" "DELETE FROM requirements WHERE document_id = 1; INSERT INTO requirements (document_id, reference, text, category, priority, position) VALUES (1, 'R1', 'x', 'functional', 'high', 1)"
        must wd "fill an invoice" "UPDATE invoices SET status = 'completed', vendor = 'v', invoice_number = '1', issue_date = now(), due_date = now(), currency = 'EUR', subtotal = 1, tax = 0, total = 1, line_items = '[]', validation_warnings = '[]', error_message = NULL, processed_at = now(), updated_at = now() WHERE id = 1"
        must_not wd "rename a document" "UPDATE documents SET file_name = 'x'"
        must_not wd "give a document to another user" "UPDATE documents SET user_id = 'u2'"
        must_not wd "rename an invoice" "UPDATE invoices SET file_name = 'x'"
        must_not wd "delete documents" "DELETE FROM documents"
        must_not wd "delete invoices" "DELETE FROM invoices"
        must_not wd "read the token ledger" "SELECT * FROM ai_usage_ledger"
        must_not wd "read study collections" "SELECT * FROM study_collections"
        must wc "replace a collection's study set" "SELECT id FROM study_collections WHERE id = 1 FOR UPDATE; SELECT * FROM collection_sources WHERE collection_id = 1; DELETE FROM flashcards WHERE collection_id = 1; DELETE FROM quiz_questions WHERE collection_id = 1; INSERT INTO flashcards (collection_id, position, front, back, source_ref, job_id) VALUES (1, 1, 'f', 'b', 's', 1); INSERT INTO quiz_questions (collection_id, position, question, choices, correct_index, explanation, source_ref, job_id) VALUES (1, 1, 'q', '[\"a\", \"b\", \"c\", \"d\"]', 0, 'e', 's', 1); UPDATE study_collections SET status = 'ready', flashcard_count = 1, question_count = 1, generated_at = now(), error_message = NULL, updated_at = now() WHERE id = 1"
        must_not wc "rename a collection" "UPDATE study_collections SET title = 'x'"
        must_not wc "change a collection's targets" "UPDATE study_collections SET target_flashcards = 1000"
        must_not wc "change a source" "UPDATE collection_sources SET text = 'x'"
        must_not wc "read documents" "SELECT * FROM documents"
        must_not wc "read the token ledger" "SELECT * FROM ai_usage_ledger"
        must wm "reply to a message" "SELECT * FROM incoming_messages WHERE conversation_id = 'c1'; SELECT * FROM outgoing_messages WHERE conversation_id = 'c1'; UPDATE incoming_messages SET status = 'PROCESSING', attempts = attempts + 1, processing_id = 'w', updated_at = now() WHERE id = 1; INSERT INTO outgoing_messages (conversation_id, in_reply_to, recipient, body, status, idempotency_key) VALUES ('c1', 1, '+15550000001', 'hi', 'PENDING', 'k1'); UPDATE incoming_messages SET status = 'REPLIED', error = NULL, processed_at = now(), updated_at = now() WHERE id = 1"
        must wm "send a reply" "UPDATE outgoing_messages SET status = 'SENDING', attempts = attempts + 1, processing_id = 'w', updated_at = now() WHERE idempotency_key = 'k1'; UPDATE outgoing_messages SET status = 'SENT', provider_message_id = 'p1', error = NULL, sent_at = now(), updated_at = now() WHERE idempotency_key = 'k1'"
        must wm "read its queue's key rules" "SELECT kind, max_per_key, ordered, key_field FROM jobfleet.key_limits WHERE queue = 'messages'"
        must wm "claim under its queue's key rules" "SELECT jobfleet.enqueue('messages'::text, 'message.reply'::text, '{\"conversation_id\": \"c1\"}'::jsonb); SELECT ids FROM jobfleet.claim_flow('messages', now(), 5, NULL, NULL)"
        must_not wm "change a key rule (the owner's)" "UPDATE jobfleet.key_limits SET ordered = false, max_per_key = 5"
        must_not wm "set a key rule (the owner's)" "INSERT INTO jobfleet.key_limits (queue, kind, max_per_key) VALUES ('messages', 'x', 2)"
        must_not wm "rewrite a message" "UPDATE incoming_messages SET body = 'x'"
        must_not wm "change a reply's recipient" "UPDATE outgoing_messages SET recipient = '+15550000002'"
        must_not wm "change a reply's idempotency key" "UPDATE outgoing_messages SET idempotency_key = 'k2'"
        must_not wm "delete messages" "DELETE FROM outgoing_messages"
        must_not wm "read documents" "SELECT * FROM documents"
        must_not wm "read the token ledger" "SELECT * FROM ai_usage_ledger"
        for r in wa wd wc; do
            must_not $r "read messages" "SELECT * FROM incoming_messages"
        done
        must w "do the work of every family" "UPDATE documents SET requirement_status = 'DONE' WHERE id = 1; UPDATE study_collections SET status = 'ready' WHERE id = 1; SELECT count(*) FROM ai_usage_ledger; UPDATE outgoing_messages SET status = 'SENT' WHERE id = 1"
        must_not w "rename a document" "UPDATE documents SET file_name = 'x'"
        # Nobody may plant a function, an operator or a table where the others look names up.
        for r in nobody a m; do
            must_not $r "create a function in public" "CREATE FUNCTION public.make_interval(secs bigint) RETURNS interval LANGUAGE sql AS 'SELECT NULL::interval'"
            must_not $r "create a table in public" "CREATE TABLE public.documents_copy (x int)"
        done
        for fam in ai documents collections messages; do
            query=$(/usr/bin/python3 -c '
import sys, yaml
for d in yaml.safe_load_all(open("deploy/k8s/keda.yaml")):
    if d["kind"] == "ScaledObject" and d["metadata"]["name"].endswith("-" + sys.argv[1]):
        print(d["spec"]["triggers"][0]["metadata"]["query"])' "$fam")
            must m "run the KEDA query of $fam" "$query"
        done
        must_not m "read payloads" "SELECT payload FROM jobfleet.jobs"
    else
        fail "could not start PostgreSQL:"; tail -n 5 "$pgdir"/*.log 2>/dev/null | sed 's/^/    /'
    fi
else
    fail "no PostgreSQL server binaries"
fi

echo
if [ "$failures" -gt 0 ]; then
    echo "deploy/verify.sh: $failures problem(s)"
    exit 1
fi
echo "deploy/verify.sh: all checks passed"
