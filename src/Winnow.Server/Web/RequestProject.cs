using Microsoft.AspNetCore.Http;
using Winnow.Server.Store;

namespace Winnow.Server.Web;

/// <summary>The project a request is about: <c>?project=NAME</c>, else the store's first project.</summary>
internal static class RequestProject
{
    public static Task<Project?> Of(HttpContext ctx, LabelStore store) =>
        store.ProjectAsync(ctx.Request.Query["project"].FirstOrDefault() is { Length: > 0 } p ? p : null);
}
