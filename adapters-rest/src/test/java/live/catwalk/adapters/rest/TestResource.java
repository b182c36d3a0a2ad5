package live.catwalk.adapters.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import live.catwalk.core.shared.CatwalkException;

/** Endpoints that misbehave on purpose, to drive the server's error handling and shutdown. */
@Path("/test")
public final class TestResource {

    final CountDownLatch slowStarted = new CountDownLatch(1);

    /** A body with every JSON shape the provider must bind or reject. */
    public record Order(String name, int quantity, List<String> tags, Map<String, String> env, Object meta) {
    }

    @GET
    @Path("throw/{kind}")
    public String throwKind(@PathParam("kind") String kind) {
        throw CatwalkException.of(CatwalkException.Kind.valueOf(kind), "planted " + kind)
                .withField("planted_field").withHint("planted hint");
    }

    @GET
    @Path("bug")
    public String bug() {
        throw new IllegalStateException("secret-db-password=hunter2");
    }

    @GET
    @Path("slow")
    @Produces(MediaType.TEXT_PLAIN)
    public String slow(@QueryParam("ms") long millis) throws InterruptedException {
        slowStarted.countDown();
        Thread.sleep(millis);
        return "slow-done";
    }

    @GET
    @Path("thread")
    @Produces(MediaType.TEXT_PLAIN)
    public String thread() {
        return Thread.currentThread().isVirtual() ? "virtual" : "platform";
    }

    @POST
    @Path("orders")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Order order(Order order) {
        return order;
    }

    @POST
    @Path("drain")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.TEXT_PLAIN)
    public String drain(InputStream body) throws IOException {
        return Long.toString(body.transferTo(OutputStream.nullOutputStream()));
    }
}
