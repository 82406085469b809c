using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Figures;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Departments;

/// <summary>
/// 保存 on a department's page (issue 30): every posted entered figure is checked by the area form's rule
/// (<see cref="SaveArea"/>'s entries, across areas), what the user changed is written through <see cref="FigureWriter"/>, which
/// decides each field by the per-field rule inside the claim: a field of another department, or one already 已报送 or 已采纳,
/// refuses the whole save and nothing is stored. A department never writes an area's text.
/// </summary>
public sealed class SaveDepartmentFields(FigureWriter writer)
{
    public async Task<Outcome<FiguresWritten>> HandleAsync(DepartmentDesk desk, AreaForm form, Actor actor, CancellationToken cancellationToken)
    {
        if (!desk.Edit.Allowed) return Outcome.Refused(desk.Edit.Refusal!);
        var scheme = desk.Workspace.Scheme;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        // Every entered field the form names, not only the page's: a forged one reaches the writer, whose rule refuses it by name.
        var entries = SaveArea.Entries(scheme.Fields, form, errors);
        if (errors.Count > 0) return Outcome.Invalid(errors.Select(e => new FieldProblem(e.Key, e.Value)).ToList());

        var changes = entries
            .Where(e => e.ToValue()?.ToInvariantString() != SaveArea.NullIfEmpty(form.Base.GetValueOrDefault(e.Field.Code)))
            .Select(e => new FigureChange(e.Field.Code, e.ToValue(), form.Versions.GetValueOrDefault(e.Field.Code)))
            .ToList();
        if (changes.Count == 0) return Nothing;

        var outcome = await writer.WriteAsync(desk.Workspace, actor, changes, null, AutosaveField.SourceOf(actor), cancellationToken);
        if (outcome is not { IsDone: true, Value: { Saved: > 0, SavedAtUtc: { } at } written }) return outcome.IsDone ? Nothing : outcome;
        return Outcome.Done(written, $"已保存 {written.Saved} 项修改。保存时间 {ChinaTime.DateTimeOf(at)}。填写完成后请点“报送”交教育局审核。");
    }

    private static Outcome<FiguresWritten> Nothing => Outcome.Done(new FiguresWritten(0, null), "没有尚未保存的修改：填写的内容已自动保存。");
}
