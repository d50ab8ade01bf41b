package org.gorlj.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gorlj.util.UserInputException;

/**
 * The shared secret of a cluster, read from a file, and the Hazelcast cluster name derived from it:
 * {@code gorl-} and the first 128 bits of HMAC-SHA256(secret, "gorl cluster name") in hex. A member
 * sends only the name, never the secret; Hazelcast refuses the join request of a member whose
 * cluster name differs, so a member without the secret cannot join (docs/cluster.md says what this
 * does and does not protect against).
 */
public final class ClusterSecret {
    /** Fewest bytes a secret may have: 16 (e.g. {@code head -c 32 /dev/urandom | base64}). */
    public static final int MIN_BYTES = 16;

    private final byte[] secret;

    private ClusterSecret(byte[] secret) {
        this.secret = secret.clone();
    }

    /** The default secret file: {@code ~/.gorl/cluster-secret}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".gorl", "cluster-secret");
    }

    /**
     * Reads a secret file (its text without surrounding white space).
     *
     * @throws UserInputException when the file is missing, unreadable or shorter than {@value #MIN_BYTES} bytes
     */
    public static ClusterSecret read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("--secret-file: no secret file at " + file
                    + "; create one on every member, e.g. 'head -c 32 /dev/urandom | base64 > " + file
                    + " && chmod 600 " + file + "'");
        }
        byte[] bytes;
        try {
            bytes = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("--secret-file: cannot read " + file + ": " + e.getMessage());
        }
        if (bytes.length < MIN_BYTES) {
            throw new UserInputException("--secret-file: the secret in " + file + " has " + bytes.length
                    + " bytes, fewer than " + MIN_BYTES + "; use e.g. 'head -c 32 /dev/urandom | base64'");
        }
        return new ClusterSecret(bytes);
    }

    /** A secret from bytes (tests). */
    static ClusterSecret of(String text) {
        return new ClusterSecret(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether others than the owner may read the file (a warning, not an error: the user decides). */
    public static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The Hazelcast cluster name of this secret. */
    public String clusterName() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal("gorl cluster name".getBytes(StandardCharsets.UTF_8));
            return "gorl-" + HexFormat.of().formatHex(h, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
