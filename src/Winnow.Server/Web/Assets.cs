using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Winnow.Server.Web;

/// <summary>The page's script and style sheet, embedded in the assembly (no build step, no CDN).</summary>
internal static class Assets
{
    private static readonly Dictionary<string, (byte[] Bytes, string Type)> Files = Load();

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/assets/{name}", (string name) =>
            Files.TryGetValue(name, out var f) ? Results.Bytes(f.Bytes, f.Type) : Results.NotFound());

    private static Dictionary<string, (byte[], string)> Load()
    {
        var asm = typeof(Assets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in asm.GetManifestResourceNames().Where(n => n.Contains(".Web.Assets.", StringComparison.Ordinal)))
        {
            var name = resource[(resource.IndexOf(".Web.Assets.", StringComparison.Ordinal) + 12)..];
            using var s = asm.GetManifestResourceStream(resource)!;
            using var m = new MemoryStream();
            s.CopyTo(m);
            files[name] = (m.ToArray(), name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
        }
        return files;
    }
}
