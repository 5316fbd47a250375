#if Server
import Hummingbird
import NIOCore

/// `GET /t.js`: the landing-page script. It sends the visit (URL with its UTM, referrer) to this server's `/t` with
/// `navigator.sendBeacon`, keeps the visitor id in a first-party cookie of the page's own site (`lt_visitor`), and fills every hidden
/// input named `leadtrail_visitor`. No other host is contacted; nothing about the browser is read.
enum Snippet {
    static let script = #"""
        (function () {
          var me = document.currentScript;
          var endpoint = (me && me.src ? new URL(me.src).origin : "") + "/t";
          var found = document.cookie.match(/(?:^|;\s*)lt_visitor=([0-9a-f]{32})/);
          var visitor = found ? found[1] : null;
          if (!visitor) {
            var bytes = new Uint8Array(16);
            crypto.getRandomValues(bytes);
            visitor = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
          }
          document.cookie = "lt_visitor=" + visitor + "; path=/; max-age=31536000; SameSite=Lax" +
            (location.protocol === "https:" ? "; Secure" : "");
          var body = JSON.stringify({ url: location.href, referrer: document.referrer, visitor: visitor });
          if (navigator.sendBeacon) { navigator.sendBeacon(endpoint, new Blob([body], { type: "text/plain" })); }
          function fill() {
            var inputs = document.querySelectorAll('input[name="leadtrail_visitor"]');
            for (var i = 0; i < inputs.length; i++) { inputs[i].value = visitor; }
          }
          fill();
          document.addEventListener("DOMContentLoaded", fill);
        })();
        """#

    static func response() -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: script)))
    }
}
#endif
