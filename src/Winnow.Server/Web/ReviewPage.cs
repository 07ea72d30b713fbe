using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Winnow.Server.Auth;
using Winnow.Server.Store;

namespace Winnow.Server.Web;

/// <summary>Items where people disagree, disagree with the model, or that were flagged as label issues: approve or reject with a comment.</summary>
internal static class ReviewPage
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/review", async (HttpContext ctx, LabelStore store) =>
        {
            var project = await RequestProject.Of(ctx, store);
            if (project is null) return Layout.Page(ctx, "Review", Html.Of($"""<p class="empty">No project yet.</p>"""));
            var queue = await store.ReviewQueueAsync(project, 100);
            var cards = new List<Html>();
            foreach (var (item, reason) in queue)
            {
                var history = await store.ReviewsOfAsync(item.Id);
                var consensus = item.Votes.Select(v => v.Label).FirstOrDefault(l => l is not null) ?? item.TopSuggestion;
                cards.Add(Html.Of($"""
                    <article class="review" id="review-{item.Id}">
                      <p class="meta">{item.ExtId} · <span class="reason">{reason}</span></p>
                      <p class="text">{item.Text}</p>
                      <p>Model: {Rows.Suggestion(item)} · People: {Rows.Votes(item)}</p>
                      {Html.Join(history, h => Html.Of($"""<p class="comment"><b>{h.Reviewer}</b> {h.Decision}d{(h.Label is null ? "" : " as " + h.Label)}: {h.Comment}</p>"""))}
                      <form method="post" action="/review/{item.Id}?project={project.Name}" class="review-form">
                        {Layout.CsrfField(ctx)}
                        <label>Label <select name="label">{Layout.Options(project.Labels, consensus)}</select></label>
                        <label>Comment <input name="comment" size="40"></label>
                        <button type="submit" name="decision" value="approve">Approve</button>
                        <button type="submit" name="decision" value="reject">Reject</button>
                      </form>
                    </article>
                    """));
            }
            return Layout.Page(ctx, "Review", Html.Of($"""
                <h1>Review <small>{project.Name}</small></h1>
                <p id="review-count">{queue.Count} items need a reviewer.</p>
                {Html.Join(cards)}
                """));
        }).RequireAuthorization(Roles.Reviewer);

        app.MapPost("/review/{id:long}", async (long id, HttpContext ctx, LabelStore store) =>
        {
            var form = await ctx.Request.ReadFormAsync();
            var decision = form["decision"].ToString();
            if (decision is not ("approve" or "reject")) return Results.BadRequest(new { error = "decision is approve or reject" });
            var label = form["label"].ToString() is { Length: > 0 } l ? l : null;
            var comment = form["comment"].ToString() is { Length: > 0 } c ? c[..Math.Min(c.Length, 4000)] : null;
            try
            {
                var project = await RequestProject.Of(ctx, store);
                if (project?.IsSpans == true) label = null; // spans are approved as the annotators gave them
                if (!await store.ReviewAsync(id, ctx.User.Id(), decision == "approve", decision == "approve" ? label : null, null, comment))
                    return Results.NotFound();
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
            return Results.Redirect("/review" + (ctx.Request.Query["project"].FirstOrDefault() is { Length: > 0 } p ? "?project=" + Uri.EscapeDataString(p) : ""));
        }).RequireAuthorization(Roles.Reviewer);
    }
}
