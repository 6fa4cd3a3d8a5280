using QRCoder;

namespace RegioLab.Sim.Web.Live;

/// <summary>The join URL of a workshop (what the QR code holds) and its QR code.</summary>
public sealed class JoinLinks(IConfiguration configuration)
{
    /// <summary>
    /// <c>{origin}/join/{CODE}</c>. The origin is Web:PublicUrl when set (behind a proxy, or when the
    /// host listens on an address phones can not reach), else the address this request came to.
    /// </summary>
    public string JoinUrl(HttpContext? http, string code)
    {
        var origin = configuration["Web:PublicUrl"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : http is null ? string.Empty : $"{http.Request.Scheme}://{http.Request.Host}";
        return $"{origin}/join/{code}";
    }

    /// <summary>An SVG QR code of a URL, dark on light with a quiet zone, readable from the back of a room.</summary>
    public static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(new System.Drawing.Size(512, 512), "#000000", "#ffffff", drawQuietZones: true);
    }
}
