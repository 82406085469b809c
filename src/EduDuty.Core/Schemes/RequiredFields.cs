namespace EduDuty.Core.Schemes;

public static class RequiredFields
{
    /// <summary>
    /// The inputs a county must enter before submitting: every input that is judged itself, and every input a judged
    /// computed indicator is made from (through any chain of formulas). Consistency checks do not make inputs required.
    /// </summary>
    public static IReadOnlyList<SchemeField> Of(Scheme scheme)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        void Require(SchemeField field)
        {
            if (field.Kind.IsInput())
            {
                required.Add(field.Code);
                return;
            }

            foreach (var code in field.Formula!.References) Require(scheme.FindField(code)!);
        }

        foreach (var field in scheme.Fields.Where(f => f.IsJudged)) Require(field);
        return scheme.Fields.Where(f => required.Contains(f.Code)).ToList();
    }
}
