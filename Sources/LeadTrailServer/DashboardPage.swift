#if Server
import LeadTrailCore
import LeadTrailReports

/// The dashboard's own HTML: the period picker and CSV links above the summary, and the small login page.
///
/// Like the summary it has no script and loads nothing; every value from the request is escaped.
enum DashboardPage {
    /// The reports offered as CSV, in the order they are linked.
    static let csvReports: [ReportKind] = [.attribution, .roas, .funnel, .models]

    /// The picker (a plain GET form) and the links to each report of the same period as CSV.
    static func header(_ options: ReportOptions) -> String {
        let from = "\(options.from)"
        let to = "\(options.to)"
        let query = "from=\(from)&to=\(to)&model=\(options.model.rawValue)"
        var out = #"<nav class="dash" aria-label="Period and downloads">"#
        out += #"<form class="period" method="get" action="/">"#
        out += #"<label>From <input type="date" name="from" value="\#(HTML.escaped(from))" required></label>"#
        out += #"<label>To <input type="date" name="to" value="\#(HTML.escaped(to))" required></label>"#
        out += #"<label>Model <select name="model">"#
        for model in AttributionModel.allCases {
            let selected = model == options.model ? " selected" : ""
            out += #"<option value="\#(model.rawValue)"\#(selected)>\#(HTML.escaped(model.rawValue))</option>"#
        }
        out += #"</select></label><button type="submit">Show</button></form>"#
        out += #"<p class="downloads">CSV: "#
        out += csvReports.map { kind in
            // The funnel counts people, not money: like `report funnel`, its link takes no currency.
            let link = kind == .funnel ? query : query + "&currency=\(options.currency.code)"
            return #"<a href="/reports/\#(kind.rawValue).csv?\#(HTML.escaped(link))" download>\#(kind.rawValue)</a>"#
        }.joined(separator: " · ")
        out += #" · <a href="/logout">sign out</a></p></nav>"#
        return out
    }

    /// What the dashboard adds to the summary's CSS: the picker wraps at a phone's width.
    static let style = """
        .dash{display:flex;flex-wrap:wrap;align-items:flex-end;gap:8px 16px;margin:0 0 12px}
        .dash form{display:flex;flex-wrap:wrap;align-items:flex-end;gap:8px;margin:0}
        .dash label{display:flex;flex-direction:column;color:#57606a;font-size:12px;min-width:0}
        .dash input,.dash select,.dash button{font:inherit;font-size:14px;padding:4px 6px;max-width:100%}
        .dash button{cursor:pointer}
        .downloads{margin:0;overflow-wrap:anywhere}
        @media (max-width:600px){main{padding:12px}}
        """

    /// The login page (a 401's body, or `/login` without a token): a form that sends the token to `/login`.
    static func login(message: String?) -> String {
        page(
            title: "LeadTrail · sign in",
            body: (message.map { #"<p class="error">\#(HTML.escaped($0))</p>"# } ?? "")
                + #"<form method="get" action="/login"><label>API token (read scope) "#
                + #"<input type="password" name="token" autocomplete="off" required></label>"#
                + #"<button type="submit">Sign in</button></form>"#
                + "<p>Make one with <code>leadtrail token add NAME --scope read</code>.</p>")
    }

    /// A refused period (`from` after `to`, an unknown model…), in one line.
    static func refusal(_ reason: String) -> String {
        page(
            title: "LeadTrail · dashboard",
            body: #"<p class="error">\#(HTML.escaped(reason))</p><p><a href="/">Back to this month</a></p>"#)
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escaped(title))</title>
        <style>
        body{margin:0;background:#f6f7f9;color:#1f2328;font:14px/1.45 "DejaVu Sans",Arial,sans-serif}
        main{max-width:420px;margin:48px auto;padding:16px;background:#fff;border:1px solid #d8dde3;border-radius:6px}
        h1{font-size:20px;margin:0 0 12px}
        label{display:flex;flex-direction:column;gap:4px;margin:0 0 10px}
        input,button{font:inherit;padding:6px 8px;max-width:100%}
        .error{color:#cf222e}
        code{font-size:12px;overflow-wrap:anywhere}
        @media (max-width:460px){main{margin:0;border:0;border-radius:0}}
        </style>
        </head>
        <body>
        <main>
        <h1>\(HTML.escaped(title))</h1>
        \(body)
        </main>
        </body>
        </html>

        """
    }
}
#endif
