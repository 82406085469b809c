using System.ComponentModel;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Data.Entities;

namespace EduDuty.Web.Api.Endpoints;

[Description("一项填报数据。value 为字符串（数字用不带千分位的十进制，如 \"35.5\"；是/否为 \"true\"/\"false\"），未填为 null；version 为该项的版本（未填过为 0），修改时原样带回；enteredBy/enteredAt 为最后填写的人和时间（UTC）。")]
public sealed record FigureDto(
    string Code, string Name, string Area, string Kind, string? Unit, string? Value, int Version, string? EnteredBy, DateTime? EnteredAt, bool CarriedFromLastYear);

[Description("一份评价的全部填报数据。etag 与响应头 ETag 相同：修改（PUT）时放入 If-Match。")]
public sealed record FiguresDto(int EvaluationId, string Etag, IReadOnlyList<FigureDto> Fields)
{
    public static FiguresDto Of(FiguresView view)
    {
        var fields = view.Scheme.Fields.Where(f => f.Kind.IsInput()).Select(f =>
        {
            var (row, by) = view.Rows.GetValueOrDefault(f.Code);
            return new FigureDto(f.Code, f.NameZh, f.AreaKey, KindOf(f.Kind), f.Unit, row?.ToValue()?.ToInvariantString(), row?.Version ?? 0,
                row is null ? null : by ?? "—", row?.UpdatedAtUtc, row?.CarriedFromEvaluationId is not null);
        }).ToList();
        return new FiguresDto(view.EvaluationId, FigureWriter.ETagOf(view.Version), fields);
    }

    public static string KindOf(FieldKind kind) => kind switch
    {
        FieldKind.Number => "number",
        FieldKind.Bool => "bool",
        FieldKind.Text => "text",
        FieldKind.Derived => "derived",
        _ => "derivedBool",
    };
}

[Description("要修改的一项：code 为指标代码，value 为新值（字符串；null 或空串为清空），version 为读取时该项的版本（必填；从未填过的项为 0）。")]
public sealed record FigureChangeDto(string Code, string? Value, int? Version);

[Description("一组修改：可跨领域；须在 If-Match 请求头中写明读取时的 ETag。")]
public sealed record FiguresPutRequest(IReadOnlyList<FigureChangeDto>? Fields);

[Description("数据提示（不阻止保存）：field 为显示提示的指标，codes 为提示涉及的全部指标，kind 为 plausibility 或 consistency。")]
public sealed record DataWarningDto(string Field, string Text, string Kind, IReadOnlyList<string> Codes)
{
    public static DataWarningDto Of(DataWarning w) => new(w.Field.Code, w.Text, w.Kind, w.Codes);
}

[Description("保存结果：saved 为实际修改的项数（值未变的不计），etag 为保存后的版本（响应头 ETag 相同），versions 为本次提交各项现在的版本，warnings 为修改的数据引出的数据提示。")]
public sealed record FiguresSavedDto(int Saved, DateTime? SavedAt, string Etag, IReadOnlyDictionary<string, int> Versions, IReadOnlyList<DataWarningDto> Warnings)
{
    public static FiguresSavedDto Of(FiguresWritten w) =>
        new(w.Saved, w.SavedAtUtc, FigureWriter.ETagOf(w.FiguresVersion), w.Versions, w.Warnings.Select(DataWarningDto.Of).ToList());
}

[Description("一项判定：state 为 pass（达标）、fail（未达标）或 unknown（未填或无法计算，不能当作达标）；value 为计算值（字符串），threshold 为标准。")]
public sealed record JudgmentDto(string Code, string Name, string Area, string State, string? Value, string? Unit, string Threshold, string Reason)
{
    public static string StateOf(JudgmentStatus status) => status switch
    {
        JudgmentStatus.Pass => "pass",
        JudgmentStatus.Fail => "fail",
        _ => "unknown",
    };
}

[Description("全部判定指标及其状态与计数，以及当前的数据提示。")]
public sealed record JudgmentsDto(int EvaluationId, int Pass, int Fail, int Unknown, IReadOnlyList<JudgmentDto> Judgments, IReadOnlyList<DataWarningDto> Warnings)
{
    public static JudgmentsDto Of(Workspace ws)
    {
        var judged = ws.Result.Results.Where(r => r.Field.IsJudged).Select(r => new JudgmentDto(
            r.Field.Code, r.Field.NameZh, r.Field.AreaKey, JudgmentDto.StateOf(r.Status), r.Value?.ToInvariantString(), r.Field.Unit,
            r.Field.Threshold!.Describe(r.Field.Unit), r.Reason)).ToList();
        return new JudgmentsDto(ws.Id, judged.Count(j => j.State == "pass"), judged.Count(j => j.State == "fail"), judged.Count(j => j.State == "unknown"),
            judged, ws.Result.OpenWarnings.Select(DataWarningDto.Of).ToList());
    }
}
