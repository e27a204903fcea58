package io.jobsettings.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

import io.jobsettings.notify.TargetAddressPolicy.ForbiddenAddressException;
import io.jobsettings.platform.http.AnswerExcerpt;
import io.jobsettings.platform.http.RetryAfter;

/**
 * Posts notifications to targets that customers chose, without letting them reach into the platform's network.
 * Every request is checked against the {@link TargetAddressPolicy} first; then the connection resolves the host
 * through the policy once more and connects only to the addresses that passed, so a name that changes its answer
 * between the two (DNS rebinding) is refused too. No redirect is followed, no proxy or cookie is used, no request
 * is retried here (the delivery log decides about retries), and every request has a hard deadline. Application
 * scoped, so it is built on its first request: the settings function only needs it for test sends.
 */
@ApplicationScoped
public class GuardedHttpClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_CONNECTIONS = 64;
    private static final int MAX_BODY_READ = 4096;
    private static final int EXCERPT_CHARS = 300;

    private final TargetAddressPolicy policy;
    private final Duration total;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;

    @Inject
    public GuardedHttpClient(TargetAddressPolicy policy) {
        this(policy, CONNECT_TIMEOUT, TOTAL_TIMEOUT);
    }

    public GuardedHttpClient(TargetAddressPolicy policy, Duration connectTimeout, Duration totalTimeout) {
        this.policy = policy;
        this.total = totalTimeout;
        this.client = build(policy, connectTimeout, totalTimeout);
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notify-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static CloseableHttpClient build(TargetAddressPolicy policy, Duration connect, Duration total) {
        RegistryBuilder<ConnectionSocketFactory> schemes = RegistryBuilder.<ConnectionSocketFactory>create()
                .register("https", SSLConnectionSocketFactory.getSocketFactory());
        if (policy.allowsInsecure()) {
            schemes.register("http", PlainConnectionSocketFactory.getSocketFactory());
        }
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
                schemes.build(), null, policy::addressesToConnect);
        connections.setMaxTotal(MAX_CONNECTIONS);
        connections.setDefaultMaxPerRoute(MAX_CONNECTIONS);
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectTimeout((int) connect.toMillis())
                .setConnectionRequestTimeout((int) connect.toMillis())
                .setSocketTimeout((int) total.toMillis())
                .setRedirectsEnabled(false)
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                // A fresh, freshly vetted connection per request; none goes stale while Lambda is frozen.
                .setConnectionReuseStrategy(NoConnectionReuseStrategy.INSTANCE)
                .setDefaultRequestConfig(timeouts)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("job-settings-notifier/1.0")
                .build();
    }

    /**
     * Posts {@code body} as JSON; never throws for anything the target or the network does. {@code secretsSent}
     * (the target's key, token or signing secret) are redacted from the excerpt of its answer, should it echo them:
     * every caller names them, so no channel can forget.
     */
    public HttpExchange postJson(String url, Map<String, String> headers, byte[] body,
            Collection<String> secretsSent) {
        long started = System.nanoTime();
        TargetAddressPolicy.Verdict verdict = policy.check(url);
        if (!verdict.isAllowed()) {
            return HttpExchange.noAnswer(HttpExchange.Kind.REFUSED, "target " + verdict.problem().get(),
                    millisSince(started));
        }
        if (verdict.hostUnresolved()) {
            return HttpExchange.noAnswer(HttpExchange.Kind.UNRESOLVED, "the target host did not resolve",
                    millisSince(started));
        }
        return send(post(url, headers, body), secretsSent, started);
    }

    private static HttpPost post(String url, Map<String, String> headers, byte[] body) {
        HttpPost post = new HttpPost(URI.create(url));
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        return post;
    }

    private HttpExchange send(HttpPost post, Collection<String> secretsSent, long started) {
        ScheduledFuture<?> deadline = deadlines.schedule(post::abort, total.toMillis(), TimeUnit.MILLISECONDS);
        try (CloseableHttpResponse response = client.execute(post)) {
            int status = response.getStatusLine().getStatusCode();
            String excerpt = excerpt(response.getEntity(), secretsSent);
            return HttpExchange.responded(status, excerpt, retryAfter(response), millisSince(started));
        } catch (ForbiddenAddressException e) {
            return HttpExchange.noAnswer(HttpExchange.Kind.REFUSED,
                    "target must not point at a loopback, private, link-local or metadata address",
                    millisSince(started));
        } catch (UnknownHostException e) {
            return HttpExchange.noAnswer(HttpExchange.Kind.UNRESOLVED, "the target host did not resolve",
                    millisSince(started));
        } catch (SocketTimeoutException | ConnectTimeoutException e) {
            return timedOut(started);
        } catch (IOException e) {
            return post.isAborted() ? timedOut(started) : HttpExchange.noAnswer(HttpExchange.Kind.FAILED,
                    "the connection failed (" + e.getClass().getSimpleName() + ")", millisSince(started));
        } finally {
            deadline.cancel(false);
        }
    }

    private HttpExchange timedOut(long started) {
        return HttpExchange.noAnswer(HttpExchange.Kind.TIMED_OUT,
                "no answer within " + total.toMillis() + " ms", millisSince(started));
    }

    private static String excerpt(HttpEntity entity, Collection<String> secretsSent) throws IOException {
        if (entity == null) {
            return "";
        }
        try (InputStream content = entity.getContent()) {
            String text = new String(content.readNBytes(MAX_BODY_READ), StandardCharsets.UTF_8);
            return AnswerExcerpt.of(text, EXCERPT_CHARS, secretsSent);
        }
    }

    /** Retry-After in seconds or as an HTTP date; absent when missing or unreadable. */
    static Optional<Duration> retryAfter(CloseableHttpResponse response) {
        Header header = response.getFirstHeader("Retry-After");
        return header == null ? Optional.empty() : RetryAfter.parse(header.getValue(), Instant.now());
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @PreDestroy
    void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
