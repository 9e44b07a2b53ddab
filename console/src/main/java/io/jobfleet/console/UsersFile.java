package io.jobfleet.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The console's users file, one entry a line ({@code #} starts a comment):
 * <pre>
 * NAME:ROLE:BCRYPT_HASH            a person who signs in with a password
 * token:NAME:ROLE:SHA256_HEX       a script that sends Authorization: Bearer TOKEN
 * </pre>
 * Passwords are bcrypt hashes (slow on purpose: people choose guessable passwords); tokens are
 * 256 random bits made by {@code add-user --token}, so a SHA-256 of them cannot be guessed back
 * and is checked without bcrypt's cost on every script request. The file is read again when it
 * changes (time or size), so users are added, changed and removed without a restart.
 */
final class UsersFile {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final String TOKEN = "token";
    private static final int BCRYPT_STRENGTH = 12;
    /** Compared against when the name is unknown, so that a wrong name costs as long as a wrong password. */
    private static final String DUMMY_HASH = BCrypt.hashpw("no such user", BCrypt.gensalt(BCRYPT_STRENGTH));

    record Entry(boolean token, String name, Role role, String hash) {
        Principal principal() {
            return new Principal(name, role, token);
        }

        String line() {
            return token ? TOKEN + ":" + name + ":" + role.label() + ":" + hash : name + ":" + role.label() + ":" + hash;
        }
    }

    private final Path path;
    private volatile List<Entry> entries = List.of();
    private volatile FileTime readAt;
    private volatile long readSize = -1;

    UsersFile(Path path) {
        this.path = path;
        reloadIfChanged();
    }

    /** The entry of the user whose password this is, if any. */
    Optional<Entry> signIn(String name, String password) {
        Optional<Entry> e = person(name);
        boolean ok = matches(password == null ? "" : password, e.map(Entry::hash).orElse(DUMMY_HASH));
        return ok ? e : Optional.empty();
    }

    /** The password entry of {@code name} as the file holds it now (read again if it changed). */
    Optional<Entry> person(String name) {
        reloadIfChanged();
        return entries.stream().filter(x -> !x.token() && x.name().equals(name)).findFirst();
    }

    /** The script whose bearer token this is, if any. */
    Optional<Principal> bearer(String token) {
        reloadIfChanged();
        byte[] presented = sha256(token).getBytes(StandardCharsets.US_ASCII);
        Entry found = null;
        for (Entry e : entries) {
            if (e.token() && MessageDigest.isEqual(presented, e.hash().getBytes(StandardCharsets.US_ASCII))) {
                found = e;
            }
        }
        return Optional.ofNullable(found).map(e -> new Principal(e.name(), e.role(), true));
    }

    private static boolean matches(String password, String hash) {
        try {
            return BCrypt.checkpw(password, hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void reloadIfChanged() {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            if (modified.equals(readAt) && size == readSize) {
                return;
            }
            entries = parse(Files.readAllLines(path, StandardCharsets.UTF_8));
            readAt = modified;
            readSize = size;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the console users file " + path + ": " + e.getMessage()
                    + " (create it with `jobfleet console add-user`)", e);
        }
    }

    static List<Entry> parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            try {
                if (f.length == 4 && f[0].equals(TOKEN)) {
                    out.add(new Entry(true, name(f[1]), Role.parse(f[2]), f[3]));
                } else if (f.length == 3 && f[2].startsWith("$2")) {
                    out.add(new Entry(false, name(f[0]), Role.parse(f[1]), f[2]));
                } else {
                    throw new IllegalArgumentException("expected NAME:ROLE:BCRYPT_HASH or token:NAME:ROLE:SHA256");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("console users file, line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static String name(String n) {
        if (!NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("a name is letters, digits and . _ @ - (at most 64), got: " + n);
        }
        return n;
    }

    /** Adds or replaces the password of {@code name}; the file is created (mode 600) when missing. */
    static void putPassword(Path path, String name, Role role, String password) throws IOException {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("a console password has at least 12 characters");
        }
        put(path, new Entry(false, name(name), role, BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_STRENGTH))));
    }

    /** Adds or replaces the bearer token of {@code name}; returns the token, shown once. */
    static String putToken(Path path, String name, Role role) throws IOException {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = "jft_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        put(path, new Entry(true, name(name), role, sha256(token)));
        return token;
    }

    private static void put(Path path, Entry entry) throws IOException {
        List<String> kept = new ArrayList<>();
        if (Files.exists(path)) {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                List<Entry> parsed = parse(List.of(line));
                boolean same = !parsed.isEmpty() && parsed.get(0).token() == entry.token()
                        && parsed.get(0).name().equals(entry.name());
                if (!same) {
                    kept.add(line);
                }
            }
        } else {
            kept.add("# jobfleet console users: NAME:ROLE:BCRYPT_HASH and token:NAME:ROLE:SHA256 (docs/console.md)");
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        kept.add(entry.line());
        Files.write(path, kept, StandardCharsets.UTF_8);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
