package io.pgclone.core.conn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientKeyFileTest {
    @TempDir
    Path dir;

    private Path pem(String algorithm, String label) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        byte[] der = g.generateKeyPair().getPrivate().getEncoded();
        Path f = dir.resolve(algorithm + ".pem");
        Files.writeString(f, "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END " + label + "-----\n");
        return f;
    }

    @Test
    void shouldNameTheAlgorithmOfAPkcs8PemKey() throws Exception {
        assertThat(ClientKeyFile.pemAlgorithm(pem("RSA", "PRIVATE KEY"))).contains("RSA");
        assertThat(ClientKeyFile.pemAlgorithm(pem("EC", "PRIVATE KEY"))).contains("EC");
    }

    @Test
    void shouldLeaveADerKeyToTheDriver() throws Exception {
        Path f = dir.resolve("key.pk8");
        Files.write(f, KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded());
        assertThat(ClientKeyFile.pemAlgorithm(f)).isEmpty();
    }

    @Test
    void shouldRefuseLegacyPemFormsWithTheConversion() throws Exception {
        Path f = pem("RSA", "RSA PRIVATE KEY");
        assertThatThrownBy(() -> ClientKeyFile.pemAlgorithm(f))
                .hasMessageContaining("PEM form the driver cannot read").hasMessageContaining("openssl pkcs8 -topk8");
        assertThat(ConnInfo.fileProblem("sslkey", f.toString())).contains("openssl pkcs8");
        assertThat(ConnInfo.fileProblem("sslrootcert", dir.resolve("none.pem").toString())).contains("does not exist");
    }
}
