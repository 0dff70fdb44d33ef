package vn.kiosk06.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import vn.kiosk06.server.files.OwnerOnly;

/**
 * The server's TLS identity: its certificate and private key, used by gRPC and the HTTPS dashboard alike, and the
 * certificate's SHA-256 fingerprint that enrollment codes carry so devices can pin it.
 *
 * <p>Either given (PEM files from configuration, e.g. from the province's CA) or generated self-signed on first
 * start into {@code dataDir/tls/} (EC P-256, ten years; key and keystore 0600). Several instances behind one
 * address must share the same files, or the pinned fingerprint only matches one of them. Immutable.
 *
 * @param certificate the server certificate
 * @param privateKey  its key
 * @param keystore    a PKCS#12 file with both, for Micronaut's HTTPS ({@code micronaut.server.ssl.key-store})
 * @param keystorePassword the keystore's password (random, kept in a 0600 file beside it)
 */
public record ServerIdentity(X509Certificate certificate, PrivateKey privateKey, Path keystore, String keystorePassword) {

    private static final Duration VALIDITY = Duration.ofDays(3650);

    /**
     * Loads the identity: from {@code certFile}/{@code keyFile} when both are given, else from
     * {@code dataDir/tls/}, generating a self-signed one there the first time.
     *
     * @throws TlsException naming the file that is missing or unreadable
     */
    public static ServerIdentity load(Path dataDir, Path certFile, Path keyFile) {
        if ((certFile == null) != (keyFile == null)) {
            throw new TlsException("kiosk06.server.tls.cert and kiosk06.server.tls.key must be given together");
        }
        Path dir = dataDir.resolve("tls");
        try {
            OwnerOnly.directories(dir);
            if (certFile == null) {
                certFile = dir.resolve("server.crt");
                keyFile = dir.resolve("server.key");
                if (!Files.exists(certFile) || !Files.exists(keyFile)) {
                    generate(certFile, keyFile);
                }
            }
            X509Certificate cert = readCertificate(certFile);
            PrivateKey key = readKey(keyFile);
            return withKeystore(cert, key, dir);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsException("TLS certificate/key (" + certFile + ", " + keyFile + "): " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the certificate's DER encoding: what devices pin. */
    public byte[] fingerprint() {
        return fingerprint(certificate);
    }

    public String fingerprintHex() {
        return HexFormat.of().formatHex(fingerprint());
    }

    public static byte[] fingerprint(X509Certificate cert) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot fingerprint the certificate: " + e.getMessage(), e);
        }
    }

    private static void generate(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        String host = hostName();
        X500Name subject = new X500Name("CN=" + host + ", O=Kiosk06 aggregator");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        if (!host.equals("localhost")) {
            names.add(new GeneralName(GeneralName.dNSName, host));
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509Certificate cert;
        try {
            cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        writeOwnerOnly(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
        writeOwnerOnly(certFile, pem(cert));
        org.slf4j.LoggerFactory.getLogger(ServerIdentity.class).info(
                "TLS: generated a self-signed certificate {} (SHA-256 {}); enrollment codes carry this fingerprint",
                certFile, HexFormat.of().formatHex(fingerprint(cert)));
    }

    private static String hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.matches("[A-Za-z0-9.\\-]+") ? h : "localhost";
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String pem(Object o) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        }
        return w.toString();
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return converter.getKeyPair(kp).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException(file + " holds no PEM private key (PKCS#8 or traditional), found "
                    + (o == null ? "nothing" : o.getClass().getSimpleName()));
        }
    }

    /** Micronaut's HTTPS reads a keystore: one PKCS#12 with a random password, rewritten at each start. */
    private static ServerIdentity withKeystore(X509Certificate cert, PrivateKey key, Path dir)
            throws IOException, GeneralSecurityException {
        Path passFile = dir.resolve("keystore.pass");
        String password;
        if (Files.exists(passFile)) {
            password = Files.readString(passFile, StandardCharsets.US_ASCII).strip();
        } else {
            byte[] b = new byte[24];
            new SecureRandom().nextBytes(b);
            password = HexFormat.of().formatHex(b);
            writeOwnerOnly(passFile, password);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, password.toCharArray(), new java.security.cert.Certificate[] {cert});
        Path keystore = dir.resolve("server.p12");
        Path tmp = dir.resolve("server.p12.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
            ks.store(out, password.toCharArray());
        }
        Files.move(tmp, keystore, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new ServerIdentity(cert, key, keystore, password);
    }

    static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "ServerIdentity[" + certificate.getSubjectX500Principal() + ", SHA-256 " + fingerprintHex() + "]";
    }
}
