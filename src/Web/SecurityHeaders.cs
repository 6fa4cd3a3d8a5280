namespace RegioLab.Sim.Web;

/// <summary>
/// The headers every response carries, pages and API alike (docs/privacy.md, docs/operations.md). The
/// pages are Vite's build: scripts and styles come as files from this origin, none inline, so the
/// policy allows nothing else; SignalR connects back to this origin over WebSockets; the QR code is an
/// SVG image from this origin. A page may not be framed (clickjacking) and sends no referrer (a join
/// link or a table's address is nobody else's business).
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = Policy(http.Request.Host.Value);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return next(http);
        });

    /// <summary>
    /// The policy. 'self' covers ws: and wss: of this origin only in browsers that follow CSP level 3,
    /// so the socket origins are named too (the Host the browser used, as a proxy passes it on).
    /// </summary>
    internal static string Policy(string? host)
    {
        var sockets = string.IsNullOrEmpty(host) || host.Any(c => c is ';' or ',' or ' ' or '\'' || char.IsControl(c))
            ? string.Empty
            : $" ws://{host} wss://{host}";
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            + $"connect-src 'self'{sockets}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
