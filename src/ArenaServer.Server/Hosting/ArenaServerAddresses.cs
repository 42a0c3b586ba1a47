using System.Net;

namespace ArenaServer.Server.Hosting;

/// <summary>Where the running server can be reached, known once the listener is bound.</summary>
/// <remarks>Set once by the hosted service when its socket is bound (before <c>IHost.StartAsync</c> completes) and
/// read from any thread afterwards.</remarks>
public sealed class ArenaServerAddresses
{
    private volatile Bound? _bound;

    /// <summary>The bound endpoint (with the real port when 0 was configured); null until started.</summary>
    public IPEndPoint? LocalEndPoint => _bound?.EndPoint;

    /// <summary>Whether connections are TLS (<c>https</c>/<c>wss</c>).</summary>
    public bool IsTls => _bound?.IsTls ?? false;

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:8080/</c>; null until started.</summary>
    public Uri? HttpUri => _bound?.HttpUri;

    /// <summary>The deployment mode printed at startup; <c>embedded</c> until cluster mode exists.</summary>
    public string Mode => "embedded";

    internal void SetBound(IPEndPoint endPoint, bool isTls)
    {
        var builder = new UriBuilder(isTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, endPoint.Address.ToString(), endPoint.Port, "/");
        _bound = new Bound(endPoint, isTls, builder.Uri);
    }

    internal void Clear() => _bound = null;

    private sealed record Bound(IPEndPoint EndPoint, bool IsTls, Uri HttpUri);
}
