#!/usr/bin/python3
"""Structural checks of the deployment manifests, run by deploy/verify.sh.

Parses every YAML file under deploy/ with a real YAML parser and checks what a deployment of
jobfleet relies on: Kubernetes objects are complete and hardened, compose services can be built
and scaled, Dockerfiles are multi-stage and run as a non-root user with a health check, and
every worker family (a worker-* module) has its Deployment, ScaledObject, image, Dockerfile
build, compose service and systemd unit.
Prints one line per problem and exits 1 when there is any.
"""
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEPLOY = os.path.join(ROOT, "deploy")
GRACE_SECONDS = 25  # JOBFLEET_GRACE default: every stop timeout must exceed it

problems = []


def problem(where, message):
    problems.append(f"{os.path.relpath(where, ROOT)}: {message}")


def seconds(duration):
    """'40s', '1m30s', 40 -> seconds."""
    if isinstance(duration, (int, float)):
        return duration
    total, matched = 0, False
    for amount, unit in re.findall(r"(\d+(?:\.\d+)?)(ms|us|h|m|s)", str(duration)):
        matched = True
        total += float(amount) * {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 1e-6}[unit]
    return total if matched else None


_parsed = {}


def load_all(path):
    """The documents of a YAML file, parsed once; a parse error is reported once."""
    if path not in _parsed:
        try:
            with open(path, encoding="utf-8") as f:
                _parsed[path] = [d for d in yaml.safe_load_all(f) if d is not None]
        except yaml.YAMLError as e:
            problem(path, f"not valid YAML: {e}")
            _parsed[path] = []
    return _parsed[path]


# --- Kubernetes ------------------------------------------------------------------------------

def quiet_objects(folder):
    """The complete Kubernetes objects of a folder's YAML files, without reporting anything."""
    found = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith((".yaml", ".yml")) and name != "kustomization.yaml":
            for doc in load_all(path):
                if isinstance(doc, dict) and doc.get("kind") and (doc.get("metadata") or {}).get("name"):
                    found.append((path, doc))
    return found


def overlays_of(base):
    """The kustomization folders under deploy/ that list {base} as a resource."""
    found = []
    for folder, _, files in os.walk(DEPLOY):
        if "kustomization.yaml" in files and folder != base:
            for name in (load_all(os.path.join(folder, "kustomization.yaml")) or [{}])[0].get("resources", []):
                if os.path.normpath(os.path.join(folder, name)) == os.path.normpath(base):
                    found.append(folder)
    return found


def check_k8s(folder):
    kustomization = os.path.join(folder, "kustomization.yaml")
    if not os.path.exists(kustomization):
        problem(folder, "no kustomization.yaml")
        return
    listed = (load_all(kustomization) or [{}])[0].get("resources", [])
    for name in listed:
        if not os.path.exists(os.path.join(folder, name)):
            problem(kustomization, f"lists {name}, which does not exist")
    objects = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not name.endswith((".yaml", ".yml")) or name == "kustomization.yaml":
            continue
        if name not in listed:
            problem(kustomization, f"does not list {name}")
        for doc in load_all(path):
            if not isinstance(doc, dict):
                problem(path, "a document is not a mapping")
                continue
            meta = doc.get("metadata") or {}
            if not doc.get("apiVersion") or not doc.get("kind") or not meta.get("name"):
                problem(path, f"a document lacks apiVersion, kind or metadata.name: {doc.get('kind')}")
                continue
            if "namespace" in meta:
                problem(path, f"{doc['kind']}/{meta['name']} sets a namespace (manifests stay namespace-agnostic)")
            objects.append((path, doc))
    # an overlay builds on the folders it lists (checked on their own, so quietly here)
    for name in listed:
        if os.path.isdir(os.path.join(folder, name)):
            objects.extend(quiet_objects(os.path.join(folder, name)))

    by_kind = {}
    for path, doc in objects:
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = (path, doc)
    # A base holds no Secrets (applying it must never overwrite real ones): the Secrets it reads
    # are those an overlay of it defines as examples, created by the operator in production.
    secrets = set(by_kind.get("Secret", {}))
    if "Secret" in by_kind and not any(os.path.isdir(os.path.join(folder, n)) for n in listed):
        for path, _ in by_kind["Secret"].values():
            problem(path, "Secrets in a base kustomization overwrite the real ones on every apply: "
                          "move them to an example overlay")
    for overlay in overlays_of(folder):
        secrets |= {doc["metadata"]["name"] for _, doc in quiet_objects(overlay) if doc.get("kind") == "Secret"}
    configmaps = set(by_kind.get("ConfigMap", {}))
    auths = set(by_kind.get("TriggerAuthentication", {}))

    for kind in ("Deployment", "Job"):
        for name, (path, doc) in by_kind.get(kind, {}).items():
            check_pod(path, f"{kind}/{name}", doc["spec"]["template"]["spec"], kind, secrets, configmaps)

    deployments = by_kind.get("Deployment", {})
    if not deployments:
        problem(folder, "no Deployment")
    pdb_targets = {tuple(sorted(d["spec"]["selector"]["matchLabels"].items()))
                   for _, d in by_kind.get("PodDisruptionBudget", {}).values()}
    scaled = {}
    for name, (path, doc) in by_kind.get("ScaledObject", {}).items():
        spec = doc.get("spec", {})
        target = spec.get("scaleTargetRef", {}).get("name")
        scaled[target] = name
        if target not in deployments:
            problem(path, f"ScaledObject/{name} targets {target}, which is no Deployment here")
        if not isinstance(spec.get("maxReplicaCount"), int) or not isinstance(spec.get("minReplicaCount"), int):
            problem(path, f"ScaledObject/{name} needs integer minReplicaCount and maxReplicaCount")
        triggers = spec.get("triggers") or []
        if not triggers:
            problem(path, f"ScaledObject/{name} has no trigger")
        for t in triggers:
            md = t.get("metadata") or {}
            if t.get("type") != "postgresql":
                problem(path, f"ScaledObject/{name}: trigger type {t.get('type')}, expected postgresql")
            for key in ("query", "targetQueryValue", "activationTargetQueryValue"):
                if key not in md:
                    problem(path, f"ScaledObject/{name}: trigger lacks {key}")
            for key in ("targetQueryValue", "activationTargetQueryValue"):
                if key in md and not isinstance(md[key], str):
                    problem(path, f"ScaledObject/{name}: {key} must be a quoted string")
            ref = (t.get("authenticationRef") or {}).get("name")
            if ref not in auths:
                problem(path, f"ScaledObject/{name}: authenticationRef {ref} is no TriggerAuthentication here")
    for name, (path, doc) in by_kind.get("TriggerAuthentication", {}).items():
        for ref in doc.get("spec", {}).get("secretTargetRef", []):
            if ref.get("name") not in secrets:
                problem(path, f"TriggerAuthentication/{name} reads Secret {ref.get('name')}, not defined here")
    for name, (path, doc) in deployments.items():
        labels = tuple(sorted(doc["spec"]["selector"]["matchLabels"].items()))
        if labels not in pdb_targets:
            problem(path, f"Deployment/{name} has no PodDisruptionBudget")
        if by_kind.get("ScaledObject") and name not in scaled:
            problem(path, f"Deployment/{name} has no ScaledObject")
        if "replicas" in doc["spec"] and name in scaled:
            problem(path, f"Deployment/{name} sets replicas although KEDA scales it")


def check_pod(path, what, pod, kind, secrets, configmaps):
    grace = pod.get("terminationGracePeriodSeconds", 30)
    if kind == "Deployment" and grace <= GRACE_SECONDS:
        problem(path, f"{what}: terminationGracePeriodSeconds {grace} must exceed the {GRACE_SECONDS} s grace")
    psc = pod.get("securityContext") or {}
    if psc.get("runAsNonRoot") is not True:
        problem(path, f"{what}: pod securityContext.runAsNonRoot must be true")
    if (psc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        problem(path, f"{what}: pod seccompProfile must be RuntimeDefault")
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    for v in volumes.values():
        if "secret" in v and v["secret"].get("secretName") not in secrets:
            problem(path, f"{what}: volume {v['name']} reads Secret {v['secret'].get('secretName')}, not defined here")
    for c in pod.get("containers", []):
        cw = f"{what} container {c.get('name')}"
        sc = c.get("securityContext") or {}
        if sc.get("allowPrivilegeEscalation") is not False:
            problem(path, f"{cw}: allowPrivilegeEscalation must be false")
        if sc.get("readOnlyRootFilesystem") is not True:
            problem(path, f"{cw}: readOnlyRootFilesystem must be true")
        if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
            problem(path, f"{cw}: capabilities must drop ALL")
        mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
        for mount_path, name in mounts.items():
            if name not in volumes:
                problem(path, f"{cw}: mounts {name}, which is no volume")
        if "emptyDir" not in volumes.get(mounts.get("/tmp"), {}):
            problem(path, f"{cw}: needs an emptyDir at /tmp (the root filesystem is read-only)")
        res = c.get("resources") or {}
        if not (res.get("requests") or {}).get("memory") or not (res.get("limits") or {}).get("memory"):
            problem(path, f"{cw}: needs memory requests and limits")
        for ref in c.get("envFrom", []):
            name = (ref.get("configMapRef") or {}).get("name")
            if name and name not in configmaps:
                problem(path, f"{cw}: envFrom ConfigMap {name}, not defined here")
        for env in c.get("env", []):
            ref = (env.get("valueFrom") or {}).get("secretKeyRef")
            if ref and ref.get("name") not in secrets:
                problem(path, f"{cw}: env {env['name']} reads Secret {ref.get('name')}, not defined here")
            if re.search(r"PASSWORD$|API_KEY$", env["name"]) and "value" in env:
                problem(path, f"{cw}: {env['name']} as a plain value: pass secrets as files (*_FILE)")
        if kind == "Deployment":
            probes = {p: (c.get(p) or {}).get("httpGet", {}).get("path")
                      for p in ("startupProbe", "livenessProbe", "readinessProbe")}
            expected = {"startupProbe": "/health/live", "livenessProbe": "/health/live",
                        "readinessProbe": "/health/ready"}
            for probe, want in expected.items():
                if probes[probe] != want:
                    problem(path, f"{cw}: {probe} must be an httpGet on {want} (is {probes[probe]})")


# --- Compose ---------------------------------------------------------------------------------

def check_compose(path):
    docs = load_all(path)
    if not docs:
        return
    doc = docs[0]
    services = doc.get("services") or {}
    if not services:
        problem(path, "no services")
    here = os.path.dirname(path)
    declared_secrets = doc.get("secrets") or {}
    for name, spec in declared_secrets.items():
        if "file" in spec and not os.path.exists(os.path.join(here, spec["file"])):
            problem(path, f"secret {name}: file {spec['file']} does not exist")
    for name, svc in services.items():
        if not svc.get("image") and not svc.get("build"):
            problem(path, f"service {name} has neither image nor build")
        build = svc.get("build")
        if isinstance(build, dict):
            context = os.path.join(here, build.get("context", "."))
            if not os.path.isdir(context):
                problem(path, f"service {name}: build context {build.get('context')} does not exist")
            elif not os.path.exists(os.path.join(context, build.get("dockerfile", "Dockerfile"))):
                problem(path, f"service {name}: dockerfile {build.get('dockerfile')} does not exist")
        for secret in svc.get("secrets") or []:
            secret = secret if isinstance(secret, str) else secret.get("source")
            if secret not in declared_secrets:
                problem(path, f"service {name} uses secret {secret}, not declared")
        depends = svc.get("depends_on") or {}
        for dep, cond in (depends.items() if isinstance(depends, dict) else []):
            if dep not in services:
                problem(path, f"service {name} depends on {dep}, which is no service")
            if (cond or {}).get("condition") not in ("service_started", "service_healthy",
                                                      "service_completed_successfully"):
                problem(path, f"service {name}: depends_on {dep} has no valid condition")
            elif cond["condition"] == "service_healthy" and not (services.get(dep) or {}).get("healthcheck"):
                problem(path, f"service {name} waits for {dep} to be healthy, which has no healthcheck")
        for volume in svc.get("volumes") or []:
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
            if source.startswith((".", "/")) and not os.path.exists(os.path.join(here, source)):
                problem(path, f"service {name}: bind mount {source} does not exist")
        if name.startswith("worker-"):
            for key in ("container_name", "ports"):
                if key in svc:
                    problem(path, f"service {name} sets {key}: `--scale {name}=N` would clash")
            stop = seconds(svc.get("stop_grace_period", "10s"))
            if stop is None or stop <= GRACE_SECONDS:
                problem(path, f"service {name}: stop_grace_period must exceed the {GRACE_SECONDS} s grace")
            env = svc.get("environment") or {}
            for key, value in (env.items() if isinstance(env, dict) else []):
                if re.search(r"PASSWORD$|API_KEY$", key) and value:
                    problem(path, f"service {name}: {key} as a plain value: pass secrets as files (*_FILE)")


# --- Dockerfiles -----------------------------------------------------------------------------

def check_dockerfile(path):
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"\\\n", " ", f.read())
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    stages = [i for i, ln in enumerate(lines) if ln.upper().startswith("FROM ")]
    if len(stages) < 2:
        problem(path, "not multi-stage (one FROM)")
        return
    final = lines[stages[-1]:]

    def instr(name):
        return [ln for ln in final if ln.split()[0].upper() == name]

    users = instr("USER")
    if not users:
        problem(path, "final stage has no USER: it would run as root")
    elif users[-1].split()[1].split(":")[0] in ("root", "0"):
        problem(path, f"final stage runs as root ({users[-1]})")
    for name in ("HEALTHCHECK", "ENTRYPOINT", "STOPSIGNAL", "EXPOSE"):
        if not instr(name):
            problem(path, f"final stage has no {name}")
    for run in instr("RUN"):
        if "apt-get install" in run:
            if "--no-install-recommends" not in run:
                problem(path, "apt-get install without --no-install-recommends")
            if "rm -rf /var/lib/apt/lists" not in run:
                problem(path, "apt-get install without cleaning /var/lib/apt/lists")
    if any(ln.upper().startswith("ADD ") and "://" in ln for ln in lines):
        problem(path, "ADD of a URL: fetch in a RUN with a checksum instead")


def check_dockerignore():
    path = os.path.join(ROOT, ".dockerignore")
    if not os.path.exists(path):
        problem(ROOT, "no .dockerignore at the repository root")
        return
    with open(path, encoding="utf-8") as f:
        entries = {ln.strip().rstrip("/") for ln in f if ln.strip() and not ln.startswith("#")}
    for needed in (".git", "**/target"):
        if needed not in entries:
            problem(path, f"does not exclude {needed}")


# --- Families ---------------------------------------------------------------------------------

def check_families():
    """Every worker family (a worker-* module) has its deployment files, as the others do."""
    families = sorted(d[len("worker-"):] for d in os.listdir(ROOT)
                      if d.startswith("worker-") and d != "worker-common"
                      and os.path.exists(os.path.join(ROOT, d, "pom.xml")))
    k8s = os.path.join(DEPLOY, "k8s")
    kustomization = (load_all(os.path.join(k8s, "kustomization.yaml")) or [{}])[0]
    images = {i.get("name") for i in kustomization.get("images") or []}
    scaled = {d["metadata"]["name"]: d for d in load_all(os.path.join(k8s, "keda.yaml"))
              if isinstance(d, dict) and d.get("kind") == "ScaledObject"}
    dockerfile = os.path.join(DEPLOY, "docker", "Dockerfile")
    with open(dockerfile, encoding="utf-8") as f:
        case = re.search(r"^\s*([a-z|]+)\) module=\"worker-", f.read(), re.M)
    built = set(case.group(1).split("|")) if case else set()
    compose = os.path.join(DEPLOY, "docker", "compose.yaml")
    services = ((load_all(compose) or [{}])[0].get("services") or {})
    for fam in families:
        if not os.path.exists(os.path.join(k8s, f"worker-{fam}.yaml")):
            problem(k8s, f"no worker-{fam}.yaml for the {fam} family")
        if f"jobfleet/worker-{fam}" not in images:
            problem(os.path.join(k8s, "kustomization.yaml"), f"images lacks jobfleet/worker-{fam}")
        so = scaled.get(f"jobfleet-worker-{fam}")
        if so is None:
            problem(os.path.join(k8s, "keda.yaml"), f"no ScaledObject jobfleet-worker-{fam}")
        elif any(f"queue = '{fam}'" not in (t.get("metadata") or {}).get("query", "")
                 for t in so["spec"].get("triggers") or []):
            problem(os.path.join(k8s, "keda.yaml"), f"ScaledObject jobfleet-worker-{fam} does not count queue {fam}")
        if fam not in built:
            problem(dockerfile, f"FAMILY={fam} is not built")
        if f"worker-{fam}" not in services:
            problem(compose, f"no service worker-{fam}")
        if not os.path.exists(os.path.join(ROOT, "systemd", f"jobfleet-{fam}@.service")):
            problem(os.path.join(ROOT, "systemd"), f"no jobfleet-{fam}@.service")
    return len(families)


def main():
    checked = 0
    for folder, _, files in os.walk(DEPLOY):
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name.endswith((".yaml", ".yml")):
                checked += 1
                reported = len(problems)
                if not load_all(path) and len(problems) == reported:
                    problem(path, "no YAML document in it")
                if name.startswith(("compose", "docker-compose")):
                    check_compose(path)
            elif name == "Dockerfile" or name.startswith("Dockerfile."):
                checked += 1
                check_dockerfile(path)
    for folder, _, files in os.walk(DEPLOY):
        if "kustomization.yaml" in files:
            check_k8s(folder)
    check_dockerignore()
    families = check_families()
    for p in problems:
        print(f"  PROBLEM {p}")
    print(f"  {checked} files checked, deployment files of {families} families, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
