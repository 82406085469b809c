using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EduDuty.Architecture.Tests;

/// <summary>
/// Every write goes through the one executor (decision 0025, <c>Application/Writes/WriteExecutor</c>): no method of the
/// application, the portal or the command line saves the DbContext or opens a transaction itself, found by the IL the
/// compiler emitted (lambdas and async state machines included, reported as the type they belong to). Identity's own
/// stores save through their managers and are not seen here; the administration use cases call them inside the executor.
/// </summary>
public sealed class WriteExecutorTests
{
    private static readonly Lazy<AssemblyDefinition> Application = new(() => TypeDependencies.Load(typeof(EduDuty.Application.Actor).Assembly));
    private static readonly Lazy<AssemblyDefinition> Web = new(() => TypeDependencies.Load(typeof(EduDuty.Web.Infrastructure.CurrentUser).Assembly));
    private static readonly Lazy<AssemblyDefinition> Cli = new(() => TypeDependencies.Load(typeof(EduDuty.Cli.CliApp).Assembly));

    // The executor itself, and the one maintenance job that is no user's write: rebuilding the derived summaries of a whole
    // database in batches at start (a cache of what the rules make of stored figures; nothing to audit or to refuse).
    private static readonly string[] Allowed =
    [
        "EduDuty.Application.Writes.WriteExecutor",
        "EduDuty.Application.Writes.WriteScope",
        "EduDuty.Application.Evaluations.Summaries::RefreshStaleAsync",
        // Taking over a database made by the pre-release migrations, once, at start, before anyone signs in (decision 0022).
        "EduDuty.Application.PreReleaseDatabases::RewriteHistoryAsync",
    ];


    [Fact]
    public void No_write_bypasses_the_executor()
    {
        var types = new[] { Application.Value, Web.Value, Cli.Value }.SelectMany(TypeDependencies.TypesIn).ToList();
        Assert.Contains(types, t => t.FullName == "EduDuty.Application.Writes.WriteExecutor");

        var offences = Offences(types).Where(o => !Allowed.Any(a => o.StartsWith(a + " ", StringComparison.Ordinal) || o.StartsWith(a + "::", StringComparison.Ordinal))).ToList();

        Assert.True(offences.Count == 0, "writes outside the WriteExecutor (stage the change in a use case and let the executor save it):\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_rule_catches_a_save_and_a_transaction_outside_the_executor()
    {
        var self = AssemblyDefinition.ReadAssembly(typeof(WriteExecutorTests).Assembly.Location);
        var offenders = TypeDependencies.TypesIn(self).Where(t => Named(t).Name is nameof(WriteOffenders.SavingHandler) or nameof(WriteOffenders.TransactionHandler)).ToList();

        var found = Offences(offenders).ToList();

        Assert.Contains(found, o => o.StartsWith("EduDuty.Architecture.Tests.WriteOffenders/SavingHandler::SaveAsync ", StringComparison.Ordinal));
        Assert.Contains(found, o => o.StartsWith("EduDuty.Architecture.Tests.WriteOffenders/TransactionHandler::Open ", StringComparison.Ordinal));
    }

    /// <summary>“Type::Method calls X” for each save or transaction, the method named as written (not its state machine).</summary>
    private static IEnumerable<string> Offences(IEnumerable<TypeDefinition> types) =>
        from type in types
        from method in type.Methods
        where method.HasBody
        from instruction in method.Body.Instructions
        let called = instruction.Operand as MethodReference
        where instruction.OpCode.FlowControl == FlowControl.Call && called is not null && IsWrite(called)
        select $"{Named(type).FullName}::{MethodName(type, method)} calls {called.DeclaringType.Name}.{called.Name}";

    private static bool IsWrite(MethodReference called) =>
        (called.Name.StartsWith("SaveChanges", StringComparison.Ordinal) && IsContext(called.DeclaringType))
        || (called.Name.StartsWith("BeginTransaction", StringComparison.Ordinal) && called.DeclaringType.FullName.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));

    private static bool IsContext(TypeReference type) =>
        type.FullName is "Microsoft.EntityFrameworkCore.DbContext" or "EduDuty.Data.EduDutyDbContext";

    // A compiler-generated type (a lambda's closure, an async state machine) is reported as the type it belongs to.
    private static TypeDefinition Named(TypeDefinition type) => type.Name.Contains('<', StringComparison.Ordinal) && type.DeclaringType is { } d ? Named(d) : type;

    // An async method's body lives in "<SaveAsync>d__3.MoveNext", a lambda's in "<SaveAsync>b__0" or "<<SaveAsync>b__0>d":
    // the first name between angle brackets is the method as written.
    private static string MethodName(TypeDefinition type, MethodDefinition method) =>
        new[] { type.Name, method.Name }.Select(n => n.TrimStart('<')).FirstOrDefault(n => n.IndexOf('>', StringComparison.Ordinal) > 0) is { } generated
            ? generated[..generated.IndexOf('>', StringComparison.Ordinal)]
            : method.Name;
}

/// <summary>Two handlers that write around the executor, so that the rule is shown to catch them (never used).</summary>
internal static class WriteOffenders
{
    internal sealed class SavingHandler(EduDuty.Data.EduDutyDbContext db)
    {
        public async Task SaveAsync() => await db.SaveChangesAsync();
    }

    internal sealed class TransactionHandler(EduDuty.Data.EduDutyDbContext db)
    {
        public IDisposable Open() => db.Database.BeginTransaction();
    }
}
