using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Winnow.Server.Store;

namespace Winnow.Server.Web;

/// <summary>
/// The labelling page. The page is a frame; its script (assets/app.js) asks <c>/api/next</c> for an item and
/// writes every piece of dataset text with <c>textContent</c>, never as markup.
/// </summary>
internal static class LabelPage
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (HttpContext ctx, LabelStore store) =>
        {
            var projects = await store.ProjectsAsync();
            var project = await RequestProject.Of(ctx, store);
            if (project is null)
                return Layout.Page(ctx, "Label", Html.Of($"""<p class="empty">No project yet: load one with <code>winnow annotate load FILE --db …</code>.</p>"""));
            var picker = projects.Count < 2 ? Html.Empty : Html.Of($"""
                <form method="get" action="/" class="inline project">Project <select name="project" id="project-picker">{Layout.Options(projects.Select(p => p.Name), project.Name)}</select><button>Open</button></form>
                """);
            return Layout.Page(ctx, "Label", Html.Of($"""
                <section id="labeller" data-project="{project.Name}" data-kind="{project.Kind}">
                  {picker}
                  <div id="status" role="status" aria-live="polite"></div>
                  <article id="item" hidden>
                    <p class="meta"><span id="item-id"></span> <span id="issue" class="issue" hidden>possible label issue</span></p>
                    <div id="text" class="text" tabindex="-1"></div>
                    <div id="suggestions" class="suggestions"></div>
                    <div id="spans" class="spans" hidden></div>
                    <div class="picker">
                      <input id="label-search" type="text" placeholder="Type to search labels… (/)" autocomplete="off" aria-label="Search labels">
                      <ul id="label-list" class="labels" role="listbox"></ul>
                    </div>
                    <p class="actions">
                      <button id="submit" type="button">Submit ⏎</button>
                      <button id="skip" type="button">Skip</button>
                      <button id="undo" type="button">Undo</button>
                    </p>
                  </article>
                  <p id="done" class="empty" hidden>Nothing left in your queue. Thank you!</p>
                  <details id="keys">
                    <summary>Hotkeys</summary>
                    <table id="hotkey-table"></table>
                    <form id="hotkey-form" class="hotkeys">
                      <label>Submit <input name="submit" maxlength="5" size="5"></label>
                      <label>Skip <input name="skip" maxlength="1" size="2"></label>
                      <label>Undo <input name="undo" maxlength="1" size="2"></label>
                      <label>Accept suggested spans <input name="accept" maxlength="1" size="2"></label>
                      <label>Search labels <input name="search" maxlength="1" size="2"></label>
                      <button type="submit">Save hotkeys</button> <button type="button" id="hotkey-reset">Defaults</button>
                    </form>
                  </details>
                </section>
                """));
        }).RequireAuthorization(Roles.Annotator);
    }
}
