namespace ArenaServer.Server.Tests.StaticFiles;

/// <summary>A throw-away folder laid out like a served root, with a secret file beside it (not under it).</summary>
internal sealed class TempStaticRoot : IDisposable
{
    public const string IndexHtml = "<!doctype html><title>root</title>";
    public const string Secret = "TOP-SECRET-OUTSIDE-THE-ROOT";

    public TempStaticRoot()
    {
        Parent = Directory.CreateTempSubdirectory("arena-static-").FullName;
        Root = Path.Combine(Parent, "www");
        Directory.CreateDirectory(Path.Combine(Root, "sub"));
        File.WriteAllText(Path.Combine(Root, "index.html"), IndexHtml);
        File.WriteAllText(Path.Combine(Root, "app.js"), "export const x = 1;");
        File.WriteAllText(Path.Combine(Root, "style.css"), "body{}");
        File.WriteAllText(Path.Combine(Root, "data.json"), "{}");
        File.WriteAllBytes(Path.Combine(Root, "img.png"), [0x89, 0x50, 0x4E, 0x47]);
        File.WriteAllText(Path.Combine(Root, "unknown.xyz"), "?");
        File.WriteAllText(Path.Combine(Root, ".env"), Secret);
        File.WriteAllText(Path.Combine(Root, "café.txt"), "utf-8 name");
        File.WriteAllText(Path.Combine(Root, "sub", "index.html"), "<p>sub</p>");

        // Beside the root: a sibling whose name shares the root's prefix, and a secret in the parent.
        Directory.CreateDirectory(Path.Combine(Parent, "www2"));
        File.WriteAllText(Path.Combine(Parent, "www2", "secret.txt"), Secret);
        File.WriteAllText(Path.Combine(Parent, "secret.txt"), Secret);
        File.CreateSymbolicLink(Path.Combine(Root, "link.txt"), Path.Combine(Parent, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "linked-dir"), Path.Combine(Parent, "www2"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "inner-link"), Path.Combine(Root, "sub"));
    }

    public string Parent { get; }

    public string Root { get; }

    public void Dispose() => Directory.Delete(Parent, recursive: true);
}
