using System.ComponentModel;
using EduDuty.Application;
using EduDuty.Application.Rectification;
using EduDuty.Core.Rectification;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>The rectification state words of the API.</summary>
public static class ApiTaskStates
{
    public static string Of(RectificationStatus status) => status switch
    {
        RectificationStatus.NotStarted => "notStarted",
        RectificationStatus.InProgress => "inProgress",
        RectificationStatus.Done => "done",
        _ => "cannotComplete",
    };

    public static RectificationStatus? Parse(string? text) => text switch
    {
        "notStarted" => RectificationStatus.NotStarted,
        "inProgress" => RectificationStatus.InProgress,
        "done" => RectificationStatus.Done,
        "cannotComplete" => RectificationStatus.CannotComplete,
        _ => null,
    };
}

[Description("整改任务的一条进展记录。")]
public sealed record TaskNoteDto(string Text, string User, DateTime At);

[Description("整改任务的一份佐证材料。")]
public sealed record TaskFileDto(int Id, string Title, string FileName, long Length, string Kind, string UploadedBy, DateTime UploadedAt);

[Description("一项整改任务：state 为 notStarted、inProgress、done 或 cannotComplete；version 为更新时须带回的版本。")]
public sealed record TaskDto(
    int Id, int EvaluationId, string County, string? City, int Year, int Number, string Source, string Problem, string? Measures, string? Codes,
    string? ResponsibleUnit, DateOnly? DueDate, string State, string? Reason, int Version, bool Overdue, IReadOnlyList<TaskNoteDto> Notes, IReadOnlyList<TaskFileDto> Files)
{
    public static TaskDto Of(TaskRow t) => new(t.Id, t.EvaluationId, t.County, t.City, t.Year, t.Number, t.Source.ToString().ToLowerInvariant(), t.Problem,
        t.Measures, t.Codes, t.ResponsibleUnit, t.DueDate, ApiTaskStates.Of(t.Status), t.Reason, t.Version, t.Overdue,
        t.Notes.Select(n => new TaskNoteDto(n.Text, n.User, n.AtUtc)).ToList(),
        t.Evidence.Select(f => new TaskFileDto(f.Id, f.Title, f.FileName, f.Length, f.Kind.ToString().ToLowerInvariant(), f.UploadedBy, f.UploadedAtUtc)).ToList());
}

[Description("一页整改任务（每页 20 项）及各状态的数量。")]
public sealed record TaskPageDto(IReadOnlyList<TaskDto> Items, int Total, int Page, int PageSize, int PageCount, IReadOnlyDictionary<string, int> States, int Overdue)
{
    public static TaskPageDto Of(TaskBoard board) => new(board.Tasks.Items.Select(TaskDto.Of).ToList(), board.Tasks.Total, board.Tasks.Page,
        board.Tasks.PageSize, board.Tasks.PageCount, board.States.ToDictionary(s => ApiTaskStates.Of(s.Key), s => s.Value), board.Overdue);
}

[Description("更新整改任务（县级）：version 为读取时的版本；state 为 notStarted、inProgress、done 或 cannotComplete（须写 reason）；dueDate 形如 2022-06-30；note 为本次进展。")]
public sealed record TaskUpdateRequest(int Version, string? State, string? ResponsibleUnit, string? DueDate, string? Reason, string? Note);
