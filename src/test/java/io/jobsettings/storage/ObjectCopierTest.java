package io.jobsettings.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jobsettings.testing.S3Server;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** Large files go up in parts sent a few at once; whatever happens, no half-finished upload is left behind. */
class ObjectCopierTest {

    private static final String JOBS = "copier-jobs";
    private static final String TARGET = "copier-target";

    private static S3Server server;
    private static S3Client s3;

    @BeforeAll
    static void startServer() {
        server = S3Server.start();
        server.createBucket(JOBS);
        server.createBucket(TARGET);
        s3 = server.client(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
    }

    @AfterAll
    static void stopServer() {
        s3.close();
        server.close();
    }

    @Test
    void partsSentAtOnceArriveWholeAndInOrder() {
        byte[] large = write("in-order.bin", 5 * ObjectCopier.PART_BYTES + 777);

        long copied = copier().copy("in-order.bin", target(s3), "copies/in-order.bin");

        assertThat(copied).isEqualTo(large.length);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(TARGET).key("copies/in-order.bin")).asByteArray())
                .isEqualTo(large);
    }

    @Test
    void partThatFailsAbortsTheUploadAndNamesTheBucket() {
        write("fails.bin", 4 * ObjectCopier.PART_BYTES);
        S3Client failingSecondPart = failingUploadPart(2);

        assertThatThrownBy(() -> copier().copy("fails.bin", target(failingSecondPart), "copies/fails.bin"))
                .isInstanceOfSatisfying(StorageFailure.class, failure -> {
                    assertThat(failure.bucket()).isEqualTo(TARGET);
                    assertThat(failure.getMessage()).contains("multipart upload of copies/fails.bin", "part refused");
                });
        assertThat(s3.listMultipartUploads(b -> b.bucket(TARGET)).uploads()).isEmpty();
        assertThat(server.keys(TARGET)).doesNotContain("copies/fails.bin");
    }

    private static ObjectCopier copier() {
        return new ObjectCopier(s3, JOBS);
    }

    private static StorageTarget target(S3Client client) {
        return new StorageTarget(TARGET, "", false, client);
    }

    private static byte[] write(String key, int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        s3.putObject(b -> b.bucket(JOBS).key(key), RequestBody.fromBytes(bytes));
        return bytes;
    }

    /** The real client, except that sending part {@code failing} is refused as S3 would refuse it. */
    @SuppressWarnings("unchecked")
    private static S3Client failingUploadPart(int failing) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("uploadPart") && args[0] instanceof Consumer<?> fill) {
                        UploadPartRequest.Builder part = UploadPartRequest.builder();
                        ((Consumer<UploadPartRequest.Builder>) fill).accept(part);
                        if (part.build().partNumber() == failing) {
                            throw S3Exception.builder().statusCode(500).message("part refused").build();
                        }
                    }
                    try {
                        return method.invoke(s3, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
