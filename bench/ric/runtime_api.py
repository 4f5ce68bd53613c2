"""A local Lambda Runtime API for the cold-start benchmark: serves the given events in order on
/2018-06-01/runtime/invocation/next with every header Lambda sends (the runtime interface client's
native code expects them all), takes responses and errors, and writes a timestamp (ns) per step to
the log file. Usage: runtime_api.py LOG EVENT_FILE...  (prints its port, then serves)."""
import http.server, json, sys, time, threading, os, socket
events = [open(p, 'rb').read() for p in sys.argv[2:]]
log = open(sys.argv[1], 'w')
state = {'i': 0, 'served': {}}
def stamp(what):
    log.write('%s %d\n' % (what, time.time_ns())); log.flush()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def setup(self):
        super().setup()
        # the headers and the body of /next are two writes: without TCP_NODELAY the body waits for the
        # client's delayed ACK of the headers (about 40 ms on Linux), which made every warm event look slow
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    def log_message(self, *a): pass
    def do_GET(self):
        if self.path.endswith('/runtime/invocation/next'):
            i = state['i']
            if i >= len(events):
                stamp('done'); time.sleep(3600); return
            state['i'] += 1
            rid = 'req-%d' % i
            body = events[i]
            stamp('next-%d' % i)
            self.send_response(200)
            for k, v in [('Lambda-Runtime-Aws-Request-Id', rid), ('Lambda-Runtime-Deadline-Ms', str(int(time.time()*1000)+60000)),
                         ('Lambda-Runtime-Invoked-Function-Arn', 'arn:aws:lambda:us-east-1:123456789012:function:bench'),
                         ('Lambda-Runtime-Trace-Id', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1'),
                         ('Lambda-Runtime-Client-Context', '{}'), ('Lambda-Runtime-Cognito-Identity', '{}'),
                         ('Content-Type', 'application/json'), ('Content-Length', str(len(body)))]:
                self.send_header(k, v)
            self.end_headers(); self.wfile.write(body)
    def do_POST(self):
        n = int(self.headers.get('Content-Length') or 0)
        data = self.rfile.read(n) if n else b''
        stamp('post %s %s' % (self.path.split('/')[-2] if 'invocation' in self.path else 'init', self.path.split('/')[-1]))
        if 'error' in self.path: log.write('ERROR %s\n' % data[:500]); log.flush()
        self.send_response(202); self.send_header('Content-Length', '0'); self.end_headers()
srv = http.server.ThreadingHTTPServer(('127.0.0.1', int(os.environ.get('PORT', '0'))), H)
print(srv.server_address[1], flush=True)
srv.serve_forever()
