package vn.kiosk06.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (BouncyCastle) in the PHC string form {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash},
 * so the cost can be raised later without breaking stored hashes: {@link #verify} reads the parameters from the
 * string. The default cost is OWASP's first recommendation for Argon2id (19 MiB, 2 passes, 1 lane). At most
 * {@link #CONCURRENT} hashes run at once, so a flood of log-ins queues instead of taking the heap 19 MiB at a time.
 * Thread-safe.
 */
public final class PasswordHasher {

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,}={0,2})\\$([A-Za-z0-9+/]{11,}={0,2})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    static final int CONCURRENT = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final java.util.concurrent.Semaphore SLOTS = new java.util.concurrent.Semaphore(CONCURRENT, true);

    private final SecureRandom random;
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    /** The default cost. */
    public PasswordHasher(SecureRandom random) {
        this(random, 19_456, 2, 1);
    }

    public PasswordHasher(SecureRandom random, int memoryKib, int iterations, int parallelism) {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2 cost m=" + memoryKib + " t=" + iterations + " p=" + parallelism
                    + " is invalid (need m ≥ 8·p, t ≥ 1, p ≥ 1)");
        }
        this.random = random;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    /** A fresh salted hash of {@code password}. */
    public String hash(char[] password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, memoryKib, iterations, parallelism, 32);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(out);
    }

    /** Whether {@code password} matches {@code phc}; false (never an exception) for a malformed hash. */
    public boolean verify(char[] password, String phc) {
        Matcher m = phc == null ? null : PHC.matcher(phc);
        if (m == null || !m.matches()) {
            return false;
        }
        byte[] salt = B64D.decode(m.group(4));
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = derive(password, salt, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), expected.length);
        return org.bouncycastle.util.Arrays.constantTimeAreEqual(expected, actual);
    }

    private static byte[] derive(char[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] pw = toUtf8(password);
        byte[] out = new byte[length];
        SLOTS.acquireUninterruptibly();
        try {
            generator.generateBytes(pw, out);
        } finally {
            SLOTS.release();
            Arrays.fill(pw, (byte) 0);
        }
        return out;
    }

    private static byte[] toUtf8(char[] password) {
        java.nio.ByteBuffer buf = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        if (buf.hasArray()) {
            Arrays.fill(buf.array(), (byte) 0);
        }
        return bytes;
    }
}
