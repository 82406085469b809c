using System.Linq.Expressions;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Figures;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations;

/// <summary>An evaluation as a page GET reads it: the workspace, what the page asked for besides, and the county's last year.</summary>
/// <param name="Previous">The evaluation that counts as last year's (<see cref="PreviousYear"/>), null when none counts.</param>
/// <param name="LastYear">Last year evaluated, when the page asked for its figures and there is one.</param>
public sealed record PageLoad<T>(Workspace Workspace, T Extra, (int Id, int Year)? Previous, LastYear? LastYear);

/// <summary>The header query's row: the header, last year's pick and the page's own columns.</summary>
public sealed class PageHeader<T>
{
    public EvaluationHeader Header { get; init; } = null!;

    public PreviousPick Previous { get; init; } = null!;

    public T Extra { get; init; } = default!;
}

/// <summary>
/// The loader of a page GET (issue 28, decision 0046): the same workspace as <see cref="WorkspaceLoader"/> in two statements —
/// the header with the page's own single values (counts, the last step, settings: subqueries of the one SELECT) and which
/// evaluation is last year's; then the figure rows of this year and, when the page shows them, last year's, with the
/// narratives, in one UNION ALL. Saves keep <see cref="WorkspaceLoader"/> (their path is decided elsewhere).
/// </summary>
public sealed class WorkspacePageLoader(EduDutyDbContext db, StoredSchemes schemes, TimeProvider clock)
{
    /// <summary>Null when the actor may not see the evaluation (the caller answers 404).</summary>
    public async Task<PageLoad<T>?> LoadAsync<T>(int id, Actor actor, Expression<Func<EvaluationHeader, T>> extra, bool lastYearFigures, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // EF Core's compiled single-result query takes no cancellation token: the header is one indexed row.
        var read = await HeaderQuery(extra)(db, id, actor.RegionPath);
        if (read is null) return null;
        var header = read.Header;
        var previous = read.Previous is { Id: { } pid, SchemeId: { } psid, SchemeHash: { } phash } ? (Id: pid, SchemeId: psid, Hash: phash) : ((int Id, int SchemeId, string Hash)?)null;

        var other = lastYearFigures && previous is { } p ? p.Id : id;
        var figures = from f in db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == id || f.EvaluationId == other)
                      join u in db.Users on f.UpdatedByUserId equals u.Id into changedBy
                      from u in changedBy.DefaultIfEmpty()
                      select new ContentRow
                      {
                          IsText = false, Id = f.Id, EvaluationId = f.EvaluationId, Key = f.FieldCode, Number = f.Number, Flag = f.Flag, Text = f.Text,
                          UpdatedAtUtc = f.UpdatedAtUtc, UpdatedByUserId = f.UpdatedByUserId, CarriedFrom = f.CarriedFromEvaluationId, FromSurvey = f.FromSurveyRoundId, Version = f.Version,
                          Name = u == null ? null : u.DisplayName,
                      };
        var texts = from n in db.AreaNarratives.AsNoTracking().Where(n => n.EvaluationId == id)
                    join u in db.Users on n.UpdatedByUserId equals u.Id into changedBy
                    from u in changedBy.DefaultIfEmpty()
                    select new ContentRow
                    {
                        IsText = true, Id = n.Id, EvaluationId = n.EvaluationId, Key = n.AreaKey, Number = null, Flag = null, Text = n.Text,
                        UpdatedAtUtc = n.UpdatedAtUtc, UpdatedByUserId = n.UpdatedByUserId, CarriedFrom = null, FromSurvey = null, Version = n.Version,
                        Name = u == null ? null : u.DisplayName,
                    };
        var rows = await figures.Concat(texts).ToListAsync(cancellationToken);

        var mine = rows.Where(r => r.EvaluationId == id).ToList();
        var names = mine.Where(r => r.UpdatedByUserId is not null && r.Name is not null).DistinctBy(r => r.UpdatedByUserId)
            .ToDictionary(r => r.UpdatedByUserId!, r => r.Name!, StringComparer.Ordinal);
        var scheme = await schemes.GetAsync(db, header.SchemeId, header.SchemeHash, cancellationToken);
        var workspace = WorkspaceLoader.Assemble(header, scheme,
            mine.Where(r => !r.IsText).Select(r => r.Figure()).ToList(), mine.Where(r => r.IsText).Select(r => r.Narrative()).ToList(), names, actor, clock);

        LastYear? lastYear = null;
        if (lastYearFigures && previous is { } last)
        {
            var lastScheme = await schemes.GetAsync(db, last.SchemeId, last.Hash, cancellationToken);
            lastYear = PreviousYear.Of(last.Id, header.Year - 1, lastScheme, rows.Where(r => r.EvaluationId == last.Id && !r.IsText).Select(r => r.Figure()));
        }

        return new PageLoad<T>(workspace, read.Extra, previous is { } q ? (q.Id, header.Year - 1) : null, lastYear);
    }

    /// <summary>
    /// The header query compiled once per page shape (issue 28, second round): building the expression, extracting its
    /// parameters and finding it in EF Core's query cache cost a sixth of a page's CPU, the query itself far less. The shape
    /// is the page's own columns as written (their text); the compiled query takes the database, the evaluation's id and
    /// the actor's region path as parameters, so nothing of one request is kept for the next (<see cref="Parameterize"/>).
    /// </summary>
    private Func<EduDutyDbContext, int, string, Task<PageHeader<T>?>> HeaderQuery<T>(Expression<Func<EvaluationHeader, T>> extra) =>
        (Func<EduDutyDbContext, int, string, Task<PageHeader<T>?>>)CompiledHeaders.GetValue(db.Model, _ => new()).GetOrAdd((typeof(T), extra.ToString()), _ =>
        {
            var context = Expression.Parameter(typeof(EduDutyDbContext), "db");
            var id = Expression.Parameter(typeof(int), "id");
            var path = Expression.Parameter(typeof(string), "path");
            var headers = EvaluationClaim.Headers(db)
                .Where(RegionScope.UnderExpression<EvaluationHeader>(h => h.CountyPath, path))
                .Where(Expression.Lambda<Func<EvaluationHeader, bool>>(Expression.Equal(Expression.Property(HeaderParameter, nameof(EvaluationHeader.Id)), id), HeaderParameter))
                .Select(Row(PreviousYear.Pick(db), extra));
            var single = Expression.Call(typeof(Queryable), nameof(Queryable.SingleOrDefault), [typeof(PageHeader<T>)], headers.Expression);
            var body = new Parameterize(db, context).Visit(single);
            return EF.CompileAsyncQuery(Expression.Lambda<Func<EduDutyDbContext, int, string, PageHeader<T>?>>(body, context, id, path));
        });

    private static readonly ParameterExpression HeaderParameter = Expression.Parameter(typeof(EvaluationHeader), "h");

    /// <summary>
    /// Per model, then per page shape. EF Core binds a compiled query to the model it first ran with and refuses any other
    /// ("executed with a different model than it was compiled against"): SQLite and PostgreSQL portals have different models,
    /// and the test process runs both, so one shared table made the second provider's pages answer 500. Keyed by the model
    /// instance (weakly, so a disposed test portal's model is not kept); bounded by the pages' shapes: three today per model
    /// (overview and area share theirs, the report page has its own).
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, System.Collections.Concurrent.ConcurrentDictionary<(Type, string), Delegate>> CompiledHeaders = new();

    /// <summary>
    /// Turns the header query built on this request's context into one over a context parameter: the context (captured by
    /// the subqueries' closures) and the query root become the parameter; any other value captured from the request would be
    /// compiled in and reused for every later request, so one is refused (a page's columns read the database and the header).
    /// </summary>
    private sealed class Parameterize(EduDutyDbContext instance, ParameterExpression context) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is ConstantExpression { Value: { } closure } && node.Member is System.Reflection.FieldInfo field)
            {
                if (ReferenceEquals(field.GetValue(closure), instance)) return context;
                throw new InvalidOperationException($"A page's header columns may not capture {field.Name}: it would be compiled into every later request.");
            }

            return base.VisitMember(node);
        }

        protected override Expression VisitConstant(ConstantExpression node) => node.Value switch
        {
            null or string or ValueType or Type => node,
            _ when ReferenceEquals(node.Value, instance) => context,
            _ => throw new InvalidOperationException($"A page's header query may not hold a {node.Type.Name} of the request."),
        };

        protected override Expression VisitExtension(Expression node) => node is Microsoft.EntityFrameworkCore.Query.EntityQueryRootExpression root
            ? Expression.Call(context, nameof(DbContext.Set), [root.EntityType.ClrType])
            : base.VisitExtension(node);
    }

    // h => new PageHeader<T> { Header = h, Previous = pick(h), Extra = extra(h) }
    private static Expression<Func<EvaluationHeader, PageHeader<T>>> Row<T>(Expression<Func<EvaluationHeader, PreviousPick>> pick, Expression<Func<EvaluationHeader, T>> extra)
    {
        var h = Expression.Parameter(typeof(EvaluationHeader), "h");
        var type = typeof(PageHeader<T>);
        return Expression.Lambda<Func<EvaluationHeader, PageHeader<T>>>(Expression.MemberInit(Expression.New(type),
            Expression.Bind(type.GetProperty(nameof(PageHeader<T>.Header))!, h),
            Expression.Bind(type.GetProperty(nameof(PageHeader<T>.Previous))!, new Substitution(pick.Parameters[0], h).Visit(pick.Body)),
            Expression.Bind(type.GetProperty(nameof(PageHeader<T>.Extra))!, new Substitution(extra.Parameters[0], h).Visit(extra.Body))), h);
    }

    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }

    /// <summary>A figure row or a narrative, in the one shape both are read in.</summary>
    private sealed class ContentRow
    {
        public bool IsText { get; init; }

        public long Id { get; init; }

        public int EvaluationId { get; init; }

        public string Key { get; init; } = string.Empty;

        public decimal? Number { get; init; }

        public bool? Flag { get; init; }

        public string? Text { get; init; }

        public DateTime UpdatedAtUtc { get; init; }

        public string? UpdatedByUserId { get; init; }

        public int? CarriedFrom { get; init; }

        /// <summary>The survey round whose results filled the value (来自满意度调查, issue 31).</summary>
        public int? FromSurvey { get; init; }

        public int Version { get; init; }

        public string? Name { get; init; }

        public FigureValue Figure() => new()
        {
            Id = Id, EvaluationId = EvaluationId, FieldCode = Key, Number = Number, Flag = Flag, Text = Text, UpdatedAtUtc = UpdatedAtUtc,
            UpdatedByUserId = UpdatedByUserId, CarriedFromEvaluationId = CarriedFrom, FromSurveyRoundId = FromSurvey, Version = Version,
        };

        public AreaNarrative Narrative() => new()
        {
            Id = (int)Id, EvaluationId = EvaluationId, AreaKey = Key, Text = Text ?? string.Empty, UpdatedAtUtc = UpdatedAtUtc,
            UpdatedByUserId = UpdatedByUserId, Version = Version,
        };
    }
}
