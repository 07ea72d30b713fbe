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
                var body = project.IsSpans
                    ? Html.Of($"""
                      {Html.When(item.TopSpans is not null, Html.Of($"""<div class="span-vote model"><span class="who">model</span><span class="text">{Rows.Highlighted(item.Text, item.TopSpans ?? [])}</span></div>"""))}
                      {Rows.SpanVotes(item)}
                      """)
                    : Html.Of($"""
                      <p class="text">{item.Text}</p>
                      <p>Model: {Rows.Suggestion(item)} · People: {Rows.Votes(item)}</p>
                      """);
                var choice = project.IsSpans
                    ? Html.Of($"""<label>Spans of <select name="spans_of">{Layout.Options(item.SpanVotes.Select(v => v.Annotator).ToList(), item.SpanVotes.FirstOrDefault().Annotator)}</select></label>""")
                    : Html.Of($"""<label>Label <select name="label">{Layout.Options(project.Labels, consensus)}</select></label>""");
                cards.Add(Html.Of($"""
                    <article class="review" id="review-{item.Id}">
                      <p class="meta">{item.ExtId} · <span class="reason">{reason}</span></p>
                      {body}
                      {Html.Join(history, h => Html.Of($"""<p class="comment"><b>{h.Reviewer}</b> {h.Decision}d{(h.Label is null ? "" : " as " + h.Label)}: {h.Comment}</p>"""))}
                      <form method="post" action="/review/{item.Id}?project={project.Name}" class="review-form">
                        {Layout.CsrfField(ctx)}
                        {choice}
                        <label>Comment <input name="comment" size="40"></label>
                        <button type="submit" name="decision" value="approve">Approve</button>
                        <button type="submit" name="decision" value="reject">Reject</button>
                      </form>
                    </article>
                    """));
            }
            return Layout.Page(ctx, "Review", Html.Of($"""
                <h1>Review <small>{project.Name}</small></h1>
                <p id="review-count">{(queue.Count == 1 ? "1 item needs" : $"{queue.Count} items need")} a reviewer.</p>
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
                IReadOnlyList<Span>? spans = null;
                if (project?.IsSpans == true)
                {
                    // Spans are approved as one annotator gave them (the reviewer picks whose); none picked: the consensus.
                    label = null;
                    if (decision == "approve" && form["spans_of"].ToString() is { Length: > 0 } who)
                        spans = await store.SpansOfAsync(id, who) ?? throw new ArgumentException($"{who} gave no spans for this item");
                }
                if (!await store.ReviewAsync(id, ctx.User.Id(), decision == "approve", decision == "approve" ? label : null, spans, comment))
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
