namespace RegioLab.Sim.Web;

/// <summary>The web host's own settings; bound from the "Web" configuration section.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// The origin join links and QR codes use (e.g. <c>http://192.168.1.20:5000</c>), when the
    /// address a request came to is not one phones can reach; not set: the request's address.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// True (the default): this process also runs an Orleans silo (one command on a laptop). False:
    /// it is only a client of the cluster the "Silo" section names (deploy/: web hosts behind a proxy,
    /// standalone silos); it then needs no storage settings and opens no silo ports.
    /// </summary>
    public bool CoHostSilo { get; set; } = true;

    /// <summary>Not set, or an absolute http or https URL.</summary>
    internal bool HasValidPublicUrl =>
        string.IsNullOrWhiteSpace(PublicUrl)
        || Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
