using System.Text.Json.Nodes;
using EduDuty.Core.Schemes;
using EduDuty.Core.Surveys;

namespace EduDuty.Core.Tests;

/// <summary>
/// The survey loader's refusals (docs/survey-format.md), each made from the shipped example (Surveys/SX-2021.survey.json) with
/// one mistake: the place named is the file's own (questionnaires[1] is its 社会人士 questionnaire, whose first questions are
/// P01 and P02 with four options each, P03 a scale question, P13 its open one), and the bounds are the loader's constants.
/// </summary>
public sealed class SurveyLoaderRefusalTests
{
    private const string Public = "questionnaires[1]（社会人士）";

    public static TheoryData<string, string, string> Mistakes() => new()
    {
        { "format", "应为 \"eduduty-survey/1\"", """{"format":"eduduty-survey/2"}""" },
        { "code", "问卷代码必填：1 至 40 个字母、数字、-、_ 或 .，以字母或数字开头", """{"code":"-SAT"}""" },
        { "title", $"最多 {SurveyLoader.MaxTitle} 个字（现有 {SurveyLoader.MaxTitle + 1} 个）", $$"""{"title":"{{new string('调', SurveyLoader.MaxTitle + 1)}}"}""" },
        { "year", "年度应为 2000 至 2100 之间的整数，或不写", """{"year":1999}""" },
        { "notice", "必填", """{"notice":" "}""" },
        { "notice", $"最多 {SurveyLoader.MaxNotice} 个字（现有 {SurveyLoader.MaxNotice + 1} 个）", $$"""{"notice":"{{new string('匿', SurveyLoader.MaxNotice + 1)}}"}""" },
        { "questionnaires", "至少需要一份问卷（社会人士、教师或学生）", """{"questionnaires":[]}""" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_top_level_mistake_is_named_by_its_key(string location, string message, string patch)
    {
        var root = Example();
        foreach (var (key, value) in JsonNode.Parse(patch)!.AsObject()) root[key] = value?.DeepClone();

        Assert.Equal([new SchemeError(location, message)], Refusals(root));
    }

    [Fact]
    public void An_unknown_group_is_named_by_its_place_in_the_list()
    {
        var root = Example();
        root["questionnaires"]![0]!["group"] = "parents";

        Assert.Equal([new SchemeError("questionnaires[1].group", "应为 public（社会人士）、teacher（教师）或 student（学生）")], Refusals(root));
    }

    [Fact]
    public void A_second_questionnaire_of_a_group_is_refused()
    {
        var root = Example();
        root["questionnaires"]!.AsArray().Add(root["questionnaires"]![0]!.DeepClone());

        Assert.Equal([new SchemeError("questionnaires[4]", "“社会人士”的问卷重复，每个群体只能有一份")], Refusals(root));
    }

    [Fact]
    public void Questions_are_named_by_their_number_in_the_questionnaire()
    {
        var root = Example();
        var p01 = Question(root, 0, 0);
        p01["options"] = new JsonArray("只有一项");
        var p02 = Question(root, 0, 1);
        p02["code"] = "P01";
        p02["maxChoices"] = 2;
        var p03 = Question(root, 1, 0);
        p03["options"] = new JsonArray("满意", "不满意");

        Assert.Equal(
            [
                new SchemeError($"{Public} 第 1 题.options", $"单选题和多选题应有 2 至 {SurveyLoader.MaxOptions} 个选项"),
                new SchemeError($"{Public} 第 2 题.maxChoices", "只有多选题可以限定最多选几项，且不能超过选项数"),
                new SchemeError($"{Public} 第 2 题", "题号“P01”重复"),
                new SchemeError($"{Public} 第 3 题.options", "五级量表和开放题不写选项（量表固定为 满意、比较满意、一般、不太满意、不满意、不了解）"),
            ],
            Refusals(root));
    }

    [Fact]
    public void An_option_too_long_a_wrong_kind_a_field_on_a_choice_and_an_open_answer_too_long_are_each_named()
    {
        var root = Example();
        Question(root, 0, 0)["options"]![1] = new string('项', SurveyLoader.MaxOptionText + 1);
        Question(root, 0, 1)["field"] = "A11.17.1";
        Question(root, 1, 0)["kind"] = "rating";
        var open = root["questionnaires"]![0]!["themes"]!.AsArray().Last()!["questions"]!.AsArray().Last()!;
        open["maxLength"] = SurveyLoader.MaxOpenLength + 1;

        Assert.Equal(
            [
                new SchemeError($"{Public} 第 1 题.options[2]", $"选项应为 1 至 {SurveyLoader.MaxOptionText} 个字的文字"),
                new SchemeError($"{Public} 第 2 题.field", "只有五级量表题的满意度可以填入方案指标"),
                new SchemeError($"{Public} 第 3 题.kind", "应为 single（单选）、multiple（多选）、scale（五级量表）或 open（开放题）"),
                new SchemeError($"{Public} 第 13 题.maxLength", $"开放题字数上限应为 1 至 {SurveyLoader.MaxOpenLength}"),
            ],
            Refusals(root));
    }

    [Fact]
    public void More_questions_or_themes_than_the_bounds_are_refused()
    {
        var tooManyQuestions = Example();
        var theme = tooManyQuestions["questionnaires"]![0]!["themes"]![1]!["questions"]!.AsArray();
        for (var i = 0; i < SurveyLoader.MaxQuestions; i++)
        {
            var copy = theme[0]!.DeepClone();
            copy["code"] = $"X{i}";
            theme.Add(copy);
        }

        var tooManyThemes = Example();
        var themes = tooManyThemes["questionnaires"]![1]!["themes"]!.AsArray();
        while (themes.Count <= SurveyLoader.MaxThemes) themes.Add(themes[0]!.DeepClone());

        Assert.Equal([new SchemeError(Public, $"一份问卷最多 {SurveyLoader.MaxQuestions} 道题")], Refusals(tooManyQuestions));
        Assert.Equal([new SchemeError("questionnaires[2]（教师）.themes", $"应有 1 至 {SurveyLoader.MaxThemes} 个主题（如教育公平、教育质量、政府治理、总体评价）")], Refusals(tooManyThemes));
    }

    [Fact]
    public void Mapped_fields_are_checked_against_the_scheme()
    {
        // SX-2021: A11.17.1 (上年学生近视率) is an entered percentage; NOPE is no field of it.
        var root = Example();
        root["questionnaires"]![0]!["field"] = "A11.17.1";
        Question(root, 1, 0)["field"] = "A11.17.1";
        root["questionnaires"]![1]!["field"] = "NOPE";
        var definition = SurveyLoader.Load(root.ToJsonString()).Definition!;

        var errors = SurveyFields.Check(definition, BuiltInSchemes.Get("SX-2021"));

        Assert.Equal(
            [
                new SchemeError("教师问卷的 field", "方案 SX-2021 中没有指标“NOPE”"),
                new SchemeError("field", "指标“A11.17.1”被多处填入，每个指标只能来自一处"),
            ],
            errors);
    }

    [Fact]
    public void Not_json_at_all_is_named_as_the_file()
    {
        var loaded = SurveyLoader.Load("{ not json");

        Assert.Null(loaded.Definition);
        Assert.Equal("文件", Assert.Single(loaded.Errors).Location);
    }

    private static JsonObject Example() => JsonNode.Parse(BuiltInSurveys.Files.Values.Single())!.AsObject();

    private static JsonNode Question(JsonObject root, int theme, int question) => root["questionnaires"]![0]!["themes"]![theme]!["questions"]![question]!;

    private static IReadOnlyList<SchemeError> Refusals(JsonObject root)
    {
        var loaded = SurveyLoader.Load(root.ToJsonString());
        Assert.Null(loaded.Definition);
        return loaded.Errors;
    }
}
