using System.Text.Json.Nodes;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Tests.Schemes;

public sealed class SchemeDiffTests
{
    private static readonly Scheme Original = BuiltInSchemes.Get("SX-2021");

    [Fact]
    public void Identical_schemes_have_no_changes() => Assert.Empty(SchemeDiff.Compare(Original, SchemeLoader.Load(BuiltInSchemes.ReadJson("SX-2021"))));

    [Fact]
    public void Added_removed_and_changed_fields_are_each_reported()
    {
        var json = JsonNode.Parse(BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        var preschool = json["areas"]!.AsArray().Single(a => (string?)a!["key"] == "A10_PRESCHOOL")!["fields"]!.AsArray();
        preschool.Single(f => (string?)f!["code"] == "A10.06")!["threshold"] = new JsonObject { ["op"] = ">=", ["value"] = 60 };
        preschool.Single(f => (string?)f!["code"] == "A10.06")!["zh"] = "公办园在园幼儿占比（新口径）";
        preschool.Remove(preschool.Single(f => (string?)f!["code"] == "A10.15"));
        preschool.Add(new JsonObject { ["code"] = "A10.16", ["kind"] = "number", ["zh"] = "托育机构数", ["unit"] = "所", ["precision"] = 0 });
        json["title"] = "2022年评价方案";

        var changes = SchemeDiff.Compare(Original, SchemeLoader.Load(json.ToJsonString()));

        Assert.Contains(changes, c => c is { Kind: "阈值", Location: "A10.06" } && c.Description.Contains("≥ 55 → ≥ 60", StringComparison.Ordinal));
        Assert.Contains(changes, c => c is { Kind: "名称", Location: "A10.06" });
        Assert.Contains(changes, c => c is { Kind: "删除字段", Location: "A10.15" });
        Assert.Contains(changes, c => c is { Kind: "新增字段", Location: "A10.16" });
        Assert.Contains(changes, c => c is { Kind: "方案信息", Location: "名称" });
        Assert.Equal(5, changes.Count);
    }

    [Fact]
    public void Setting_changing_or_removing_the_report_length_limit_is_a_change()
    {
        var json = JsonNode.Parse(BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        json["report"]!["maxLength"] = 5000;
        var limited = SchemeLoader.Load(json.ToJsonString());
        json["report"]!["maxLength"] = 6000;
        var raised = SchemeLoader.Load(json.ToJsonString());

        Assert.Equal([new SchemeChange("方案信息", "报告正文字数上限", "不设上限 → 5,000 字")], SchemeDiff.Compare(Original, limited));
        Assert.Equal([new SchemeChange("方案信息", "报告正文字数上限", "5,000 字 → 6,000 字")], SchemeDiff.Compare(limited, raised));
        Assert.Equal([new SchemeChange("方案信息", "报告正文字数上限", "6,000 字 → 不设上限")], SchemeDiff.Compare(raised, Original));
    }
}
