using System.Text.Json;
using EduDuty.Core.Departments;
using EduDuty.Core.Schemes;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Departments;

/// <summary>
/// Who owns a field (issue 30): the expected owners are read from the scheme file's own <c>department</c> values, not from the
/// code under test.
/// </summary>
public sealed class FieldOwnershipTests
{
    private static readonly Scheme Sx = BuiltInSchemes.Get("SX-2021");

    // code → department as the shipped file writes it, for every entered field that names one.
    private static readonly Dictionary<string, string> FileDepartments = ReadFileDepartments();

    private static Dictionary<string, string> ReadFileDepartments()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Core", "Schemes", "SX-2021.scheme.json")));
        return json.RootElement.GetProperty("areas").EnumerateArray()
            .SelectMany(a => a.GetProperty("fields").EnumerateArray())
            .Where(f => f.TryGetProperty("department", out _))
            .ToDictionary(f => f.GetProperty("code").GetString()!, f => f.GetProperty("department").GetString()!);
    }

    [Fact]
    public void The_shipped_scheme_names_the_finance_bureau_for_the_education_spending_figures()
    {
        // A04.01: 一般公共预算教育支出(本期), "县财政部门预算执行报表。" in the file.
        Assert.Equal("财政局", FileDepartments["A04.01"]);
        Assert.Equal("财政局", Sx.FindField("A04.01")!.Department);
        Assert.Equal(FileDepartments.Count, Sx.Areas.SelectMany(a => a.Fields).Count(f => f.Department is not null));
        // A field whose source is the education statistics stays with the education bureau.
        Assert.DoesNotContain("A10.05", FileDepartments.Keys);
    }

    [Fact]
    public void Without_departments_every_entered_field_stays_with_the_education_bureau()
    {
        var owners = FieldOwnership.Resolve(Sx, [], new Dictionary<string, int?>(), new Dictionary<string, FieldState>());
        Assert.Equal(Sx.Areas.SelectMany(a => a.Fields).Count(f => f.Kind.IsInput()), owners.Count);
        Assert.All(owners.Values, o => Assert.Null(o.DepartmentId));
    }

    [Fact]
    public void A_county_department_takes_by_default_exactly_the_fields_the_scheme_names_for_it()
    {
        var owners = FieldOwnership.Resolve(Sx, [new(7, "财政局"), new(8, "人社局")], new Dictionary<string, int?>(), new Dictionary<string, FieldState>());
        Assert.Equal(FileDepartments.Where(d => d.Value == "财政局").Select(d => d.Key).Order(), owners.Of(7).Select(o => o.Code).Order());
        Assert.Equal(FileDepartments.Where(d => d.Value == "人社局").Select(d => d.Key).Order(), owners.Of(8).Select(o => o.Code).Order());
        // 公安局 is named by the scheme but the county has none: its fields stay with the education bureau.
        var police = FileDepartments.Where(d => d.Value == "公安局").Select(d => d.Key).ToList();
        Assert.NotEmpty(police);
        Assert.All(police, code => Assert.Null(owners[code].DepartmentId));
    }

    [Fact]
    public void The_leads_assignment_wins_and_a_disabled_department_owns_nothing()
    {
        var assignments = new Dictionary<string, int?> { ["A04.01"] = null, ["A10.05"] = 8, ["A04.02"] = 9 };
        var owners = FieldOwnership.Resolve(Sx, [new(7, "财政局"), new(8, "人社局"), new(9, "编办", IsActive: false)], assignments, new Dictionary<string, FieldState>());
        Assert.Null(owners["A04.01"].DepartmentId);
        Assert.Equal(8, owners["A10.05"].DepartmentId);
        Assert.Null(owners["A04.02"].DepartmentId);
    }

    [Fact]
    public void A_state_counts_only_for_the_department_it_was_stored_for()
    {
        var states = new Dictionary<string, FieldState>
        {
            ["A04.01"] = new(7, DepartmentFieldStatus.Accepted),
            ["A04.02"] = new(8, DepartmentFieldStatus.Returned, "口径不对"),
        };
        var owners = FieldOwnership.Resolve(Sx, [new(7, "财政局"), new(8, "人社局")], new Dictionary<string, int?>(), states);
        Assert.Equal(DepartmentFieldStatus.Accepted, owners["A04.01"].Status);
        // A04.02 is 财政局's by default: the 人社局's old return no longer counts.
        Assert.Equal(new FieldOwner("A04.02", 7), owners["A04.02"]);
    }
}
