using ArenaServer.Server.StaticFiles;

namespace ArenaServer.Server.Tests.StaticFiles;

public sealed class StaticFileResolverTests : IDisposable
{
    private readonly TempStaticRoot _root = new();
    private readonly StaticFileResolver _resolver;

    public StaticFileResolverTests() => _resolver = new StaticFileResolver(_root.Root);

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("/", "index.html", "text/html; charset=utf-8")]
    [InlineData("/index.html", "index.html", "text/html; charset=utf-8")]
    [InlineData("/app.js", "app.js", "text/javascript; charset=utf-8")]
    [InlineData("/style.css", "style.css", "text/css; charset=utf-8")]
    [InlineData("/data.json", "data.json", "application/json")]
    [InlineData("/img.png", "img.png", "image/png")]
    [InlineData("/sub/", "sub/index.html", "text/html; charset=utf-8")]
    [InlineData("/caf%C3%A9.txt", "café.txt", "text/plain; charset=utf-8")]
    [InlineData("/%61pp.js", "app.js", "text/javascript; charset=utf-8")]
    public void Resolve_FileUnderRoot_FoundWithFixedContentType(string path, string expectedFile, string expectedType)
    {
        StaticFileLookup lookup = _resolver.Resolve(path);

        Assert.Equal(StaticFileStatus.Found, lookup.Status);
        Assert.Equal(Path.Combine(_root.Root, expectedFile), lookup.FullPath);
        Assert.Equal(expectedType, lookup.ContentType);
    }

    [Theory]
    [InlineData("/missing.html")]
    [InlineData("/sub")]            // a folder without the trailing slash is not a file
    [InlineData("/unknown.xyz")]    // unknown extensions are never served
    [InlineData("/.env")]           // hidden files are never published
    [InlineData("/sub/.")]
    public void Resolve_NotAServableFile_NotFound(string path)
        => Assert.Equal(StaticFileStatus.NotFound, _resolver.Resolve(path).Status);

    [Theory]
    [Trait("Category", "Security")]
    [Trait("CWE", "22")]
    [InlineData("/../secret.txt", 404)]
    [InlineData("/../www2/secret.txt", 404)]
    [InlineData("/sub/../../secret.txt", 404)]
    [InlineData("/%2e%2e/secret.txt", 404)]
    [InlineData("/%2E%2E/secret.txt", 404)]
    [InlineData("/..%2fsecret.txt", 404)]
    [InlineData("/%2e%2e%2f%2e%2e%2fsecret.txt", 404)]
    [InlineData("/.%2e/secret.txt", 404)]
    [InlineData("/%252e%252e/secret.txt", 404)] // double-encoded: decoded once, stays literal
    [InlineData("/%c0%ae%c0%ae/secret.txt", 400)] // overlong UTF-8 dot
    [InlineData("//etc/passwd", 404)]
    [InlineData("/%2Fetc%2Fpasswd", 404)]
    [InlineData("/etc/passwd", 404)]
    [InlineData("/..\\secret.txt", 404)]
    [InlineData("/%5c..%5csecret.txt", 404)]
    [InlineData("/sub\\..\\..\\secret.txt", 404)]
    [InlineData("/C:/Windows/win.ini", 404)]
    [InlineData("/index.html%00.js", 400)]
    [InlineData("/%00", 400)]
    [InlineData("/index.html\0", 400)]
    [InlineData("/%0d%0aSet-Cookie:x", 400)]
    [InlineData("/a b.html", 400)]
    [InlineData("/%zz", 400)]
    [InlineData("/%2", 400)]
    [InlineData("/%", 400)]
    [InlineData("", 400)]
    [InlineData("secret.txt", 400)]
    [InlineData("http://example.com/secret.txt", 400)]
    [InlineData("*", 400)]
    public void Resolve_TraversalOrMalformedPath_NeverLeavesRoot(string path, int expectedStatusCode)
    {
        StaticFileLookup lookup = _resolver.Resolve(path);

        Assert.Equal(expectedStatusCode == 400 ? StaticFileStatus.BadRequest : StaticFileStatus.NotFound, lookup.Status);
        Assert.Null(lookup.FullPath);
    }

    [Theory]
    [Trait("Category", "Security")]
    [Trait("CWE", "59")]
    [InlineData("/link.txt")]               // a file link to a file outside
    [InlineData("/linked-dir/secret.txt")]  // a folder link to a folder outside
    public void Resolve_SymbolicLinkToOutside_NotFound(string path)
    {
        StaticFileLookup lookup = _resolver.Resolve(path);

        Assert.Equal(StaticFileStatus.NotFound, lookup.Status);
        Assert.Null(lookup.FullPath);
    }

    [Fact]
    public void Resolve_SymbolicLinkInsideRoot_Found()
    {
        StaticFileLookup lookup = _resolver.Resolve("/inner-link/index.html");

        Assert.Equal(StaticFileStatus.Found, lookup.Status);
    }

    [Fact]
    public void Root_RelativePath_ResolvedAgainstBaseDirectoryNotCurrentDirectory()
    {
        var resolver = new StaticFileResolver("wwwroot");

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "wwwroot"), resolver.Root);
    }
}
