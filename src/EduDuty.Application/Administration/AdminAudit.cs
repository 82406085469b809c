using EduDuty.Application.Exports;
using EduDuty.Core.Text;
using EduDuty.Reporting.Excel;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

/// <summary>
/// One admin action as the admin audit page reads it: names and Chinese dates, never paths, ids or JSON. A record of stored
/// texts (the roll-up report's) lists the fields that changed, by their Chinese labels (<see cref="Fields"/>); Before and After
/// then read "label：value" per line, for the exports.
/// </summary>
public sealed record AdminAuditLine(DateTime AtUtc, string Who, string Action, string Target, string? Before, string? After)
{
    public IReadOnlyList<AuditFieldChange> Fields { get; init; } = [];
}

/// <summary>One field of a recorded change: its Chinese label, the value before and after ("（空）" for none).</summary>
public sealed record AuditFieldChange(string Label, string Before, string After);

/// <summary>
/// Reads the before/after of an admin audit entry field by field when they are the JSON of stored texts: the stored entry stays
/// as it was written (it is in the hash chain); only its reading changes. The labels are the form's own (<see cref="Oversight.Rollup.RollupForm"/>).
/// </summary>
public static class AuditFields
{
    public const string Empty = "（空）";

    private static readonly Dictionary<string, string> Labels = typeof(Oversight.Rollup.RollupForm).GetProperties()
        .Select(p => (p.Name, Label: p.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.DisplayAttribute), false)
            .OfType<System.ComponentModel.DataAnnotations.DisplayAttribute>().FirstOrDefault()?.Name))
        .Where(p => p.Label is not null).ToDictionary(p => p.Name, p => p.Label!, StringComparer.OrdinalIgnoreCase);

    /// <summary>The fields that differ, or null when either side is not a JSON object (plain text, shown as it is).</summary>
    public static IReadOnlyList<AuditFieldChange>? Read(string? before, string? after)
    {
        var (b, a) = (Object(before), Object(after));
        if ((before is not null && b is null) || (after is not null && a is null) || (b is null && a is null)) return null;
        var keys = ((IEnumerable<string>?)b?.Keys ?? []).Concat((IEnumerable<string>?)a?.Keys ?? []).Distinct().ToList();
        // A first save (nothing before) lists what was written, not the fields left empty or unticked.
        return keys.Select(k => (Key: k, Before: Value(b, k), After: Value(a, k)))
            .Where(f => f.Before != f.After && !(b is null && f.After is Empty or "否"))
            .Select(f => new AuditFieldChange(Labels.GetValueOrDefault(f.Key) ?? "其他内容", f.Before, f.After)).ToList();
    }

    private static Dictionary<string, System.Text.Json.JsonElement>? Object(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{') return null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Value(Dictionary<string, System.Text.Json.JsonElement>? fields, string key)
    {
        if (fields is null || !fields.TryGetValue(key, out var value)) return Empty;
        var text = value.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined => null,
            System.Text.Json.JsonValueKind.True => "是",
            System.Text.Json.JsonValueKind.False => "否",
            System.Text.Json.JsonValueKind.Array => string.Join("\n", value.EnumerateArray().Select(e => e.ToString())),
            _ => value.ToString(),
        };
        return string.IsNullOrEmpty(text) ? Empty : ChinaTime.ReadableDates(text)!;
    }
}

/// <summary>
/// One admin audit entry for the API: its id (the cursor), when (UTC), who, the action's stable name and its words, the target,
/// before and after as the page shows them, and the changed fields when the entry records stored texts.
/// </summary>
public sealed record AuditEntryLine(long Id, DateTime AtUtc, string Who, string Action, string ActionText, string Target, string? Before, string? After,
    IReadOnlyList<AuditFieldChange>? Fields);

/// <summary>A page of the admin audit for the API, and the cursor of the next (null: this is the last).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryLine> Items, string? NextCursor);

/// <summary>The admin audit of the actor's subtree, newest first: a page at a time on the page, all of it as CSV or Excel.</summary>
public sealed class AdminAudit(EduDutyDbContext db)
{
    public const int PageSize = 50;

    private static readonly TableColumn[] Columns =
        [new("时间", 26), new("操作人", 18), new("操作", 16), new("对象", 36), new("原值", 36), new("新值", 36)];

    /// <summary>A page of the audit, newest first, read in the database.</summary>
    public async Task<Paged<AdminAuditLine>> PageAsync(Actor actor, int page, CancellationToken cancellationToken = default) =>
        (await Entries(actor).ToPagedAsync(page, PageSize, cancellationToken)).Select(Line);

    /// <summary>The most entries the API's page gives at once; the stream gives all.</summary>
    public const int MaxApiPageSize = 200;

    /// <summary>
    /// A page of the audit for the API (issue 29), newest first, after the entry <paramref name="cursor"/> names (the
    /// <see cref="AuditPage.NextCursor"/> of the page before; none: the newest): a cursor does not shift when entries are
    /// added while a client pages. Only admins, as the page (its folder's policy): their region and below.
    /// </summary>
    public async Task<Outcome<AuditPage>> CursorPageAsync(Actor actor, string? cursor, int size, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(Core.Security.Roles.Admin)) return Outcome.Refused(Core.Messaging.Messages.OnlyAdminsReadAudit);
        if (size is < 1 or > MaxApiPageSize) return Outcome.Invalid("size", Core.Messaging.Messages.PageSizeOutOfRange(MaxApiPageSize).Text);
        long? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id < 1)
                return Outcome.Invalid("cursor", Core.Messaging.Messages.CursorInvalid.Text);
            before = id;
        }

        var query = Entries(actor);
        if (before is { } b) query = query.Where(a => a.Id < b);
        var rows = await query.Take(size + 1).ToListAsync(cancellationToken);
        var items = rows.Take(size).Select(a => ApiLine(a)).ToList();
        var next = rows.Count > size ? rows[size - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Outcome.Done(new AuditPage(items, next));
    }

    /// <summary>The whole audit of the admin's region, newest first, one entry at a time as the database returns it (NDJSON).</summary>
    public Outcome<IAsyncEnumerable<AuditEntryLine>> Stream(Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(Core.Security.Roles.Admin)) return Outcome.Refused(Core.Messaging.Messages.OnlyAdminsReadAudit);
        return Outcome.Done(StreamLines(actor, cancellationToken));
    }

    private async IAsyncEnumerable<AuditEntryLine> StreamLines(Actor actor, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in Entries(actor).AsAsyncEnumerable().WithCancellation(cancellationToken)) yield return ApiLine(entry);
    }

    private static AuditEntryLine ApiLine(Data.Entities.AdminAuditEntry a)
    {
        var line = Line(a);
        return new AuditEntryLine(a.Id, a.AtUtc, line.Who, a.Action.ToString(), line.Action, line.Target, line.Before, line.After,
            line.Fields.Count == 0 ? null : line.Fields);
    }

    public async Task<byte[]> CsvAsync(Actor actor, CancellationToken cancellationToken) =>
        CsvFile.Write(Columns.Select(c => c.Header).ToList(), Rows(await LoadAsync(actor, cancellationToken)));

    public async Task<byte[]> XlsxAsync(Actor actor, CancellationToken cancellationToken) =>
        TableWorkbook.Write("管理记录", Columns, Rows(await LoadAsync(actor, cancellationToken)));

    private async Task<IReadOnlyList<AdminAuditLine>> LoadAsync(Actor actor, CancellationToken cancellationToken) =>
        (await Entries(actor).ToListAsync(cancellationToken)).Select(Line).ToList();

    private IQueryable<Data.Entities.AdminAuditEntry> Entries(Actor actor) =>
        db.AdminAuditEntries.AsNoTracking().Under(a => a.RegionPath, actor.RegionPath).OrderByDescending(a => a.Id);

    private static AdminAuditLine Line(Data.Entities.AdminAuditEntry a) => AuditFields.Read(a.Before, a.After) is { } fields
        ? new(a.AtUtc, a.UserDisplayName, a.Action.Text(), ChinaTime.ReadableDates(a.Target)!,
            string.Join("\n", fields.Select(f => $"{f.Label}：{f.Before}")), string.Join("\n", fields.Select(f => $"{f.Label}：{f.After}"))) { Fields = fields }
        : new(a.AtUtc, a.UserDisplayName, a.Action.Text(), ChinaTime.ReadableDates(a.Target)!, ChinaTime.ReadableDates(a.Before), ChinaTime.ReadableDates(a.After));

    private static IEnumerable<string?[]> Rows(IEnumerable<AdminAuditLine> lines) =>
        lines.Select(l => new[] { ChinaTime.IsoTimestamp(l.AtUtc), l.Who, l.Action, l.Target, l.Before, l.After });
}
