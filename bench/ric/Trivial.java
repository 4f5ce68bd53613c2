package bench;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
/** The baseline: reads the event, answers a constant. */
public class Trivial implements RequestStreamHandler {
    public void handleRequest(InputStream in, OutputStream out, Context context) throws java.io.IOException {
        in.readAllBytes();
        out.write("{\"outcome\":\"ok\"}".getBytes());
    }
}
