using EduDuty.Core.Departments;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Core.Surveys;

namespace EduDuty.Core.Tests;

/// <summary>The survey file and the stored answer format (issue 31), read against the shipped example as written.</summary>
public sealed class SurveyFormatTests
{
    [Fact]
    public void The_shipped_example_loads_with_three_groups_numbered_in_file_order()
    {
        var example = BuiltInSurveys.Definitions.Single();

        Assert.Equal(("SX-2021-SAT", 2021, "SX-2021", true), (example.Code, example.Year, example.SchemeCode, example.IsExample));
        Assert.Equal([SurveyGroup.Public, SurveyGroup.Teacher, SurveyGroup.Student], example.Questionnaires.Select(q => q.Group));
        // 13, 12 and 10 questions as written in Surveys/SX-2021.survey.json; the public's P12 is its 12th.
        Assert.Equal([13, 12, 10], example.Questionnaires.Select(q => q.Questions.Count()));
        Assert.Equal(("P12", QuestionKind.Scale), (example.For(SurveyGroup.Public)!.Question(12)!.Code, example.For(SurveyGroup.Public)!.Question(12)!.Kind));
        Assert.Empty(example.FieldSources);
    }

    [Fact]
    public void A_file_with_mistakes_names_each()
    {
        var loaded = SurveyLoader.Load("""{"format":"eduduty-survey/1","code":"X","title":"t","notice":"n","questionnaires":[{"group":"parents","title":"a","themes":[]}]}""");

        Assert.False(loaded.IsValid);
        Assert.Contains(loaded.Errors, e => e.Location == "questionnaires[1].group");
    }

    [Fact]
    public void Packed_choices_read_back_and_tally_keys_skip_open_questions_and_suspect_sheets()
    {
        var q = BuiltInSurveys.Definitions.Single().For(SurveyGroup.Public)!;
        var choices = new Dictionary<int, IReadOnlyList<int>> { [11] = [5, 1], [3] = [6], [13] = [1] };

        var packed = PackedAnswer.Format(choices);

        Assert.Equal("3=6;11=1,5;13=1", packed);
        Assert.Equal([3, 11, 13], PackedAnswer.Parse(packed).Keys);
        // P13 (the 13th) is open: not tallied. Sheet counted, 3 answered + 不了解, 11 answered + options 1 and 5.
        Assert.Equal([(0, 0), (3, 0), (3, 6), (11, 0), (11, 1), (11, 5)], TallyKeys.Of(q, PackedAnswer.Parse(packed), suspect: false).Select(k => ((int)k.Question, (int)k.Option)));
        Assert.Equal([(0, 1)], TallyKeys.Of(q, PackedAnswer.Parse(packed), suspect: true).Select(k => ((int)k.Question, (int)k.Option)));
    }

    [Fact]
    public void A_field_filled_from_a_survey_is_refused_to_the_county_and_to_its_department()
    {
        var facts = new EvaluationFacts(EvaluationStatus.Draft, new DeadlineState(DeadlineKind.None, null, false, 0));
        var county = new Viewer([Roles.CountyOfficial], InScope: true);
        var department = new Viewer([Roles.DepartmentOfficial], InScope: true) { DepartmentId = 4 };

        Assert.Equal("survey-fed-field", EvaluationPolicy.EditField(facts, county, new FieldOwner("X", null) { FromSurvey = true }).Refusal?.Code);
        Assert.Equal("survey-fed-field", EvaluationPolicy.EditField(facts, department, new FieldOwner("X", 4) { FromSurvey = true }).Refusal?.Code);
        Assert.True(EvaluationPolicy.EditField(facts, county, new FieldOwner("X", null)).Allowed);
    }
}
