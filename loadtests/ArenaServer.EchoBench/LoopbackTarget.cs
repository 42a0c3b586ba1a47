using System.Net;

namespace ArenaServer.EchoBench;

/// <summary>A <c>ws://</c> target that is guaranteed to be on loopback: benchmark load never leaves the machine.</summary>
internal sealed record LoopbackTarget(IPEndPoint EndPoint, string Path)
{
    public static LoopbackTarget Parse(string url)
    {
        Uri uri = new(url, UriKind.Absolute);
        if (uri.Scheme != "ws")
        {
            throw new ArgumentException($"Only ws:// targets are supported, got '{url}'.");
        }

        IPAddress address = uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns
            ? IPAddress.Loopback
            : IPAddress.Parse(uri.Host.Trim('[', ']'));
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"Refusing non-loopback target '{url}': load goes to loopback only.");
        }

        return new LoopbackTarget(new IPEndPoint(address, uri.Port), uri.PathAndQuery);
    }

    public override string ToString() => $"ws://{EndPoint}{Path}";
}
