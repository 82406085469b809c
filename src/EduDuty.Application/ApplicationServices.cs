using EduDuty.Application.Administration;
using EduDuty.Application.Demo;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Audit;
using EduDuty.Application.Evaluations.Comments;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Evaluations.Report;
using EduDuty.Application.Evaluations.Review;
using EduDuty.Application.Evidence;
using EduDuty.Application.Reports;
using EduDuty.Application.Reports.Publication;
using EduDuty.Application.Surveys;
using EduDuty.Data;
using EduDuty.Data.Seeding;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EduDuty.Application;

/// <summary>
/// The one registration of EduDuty's data and use cases, shared by the portal and the command line: the database chosen by
/// configuration (<c>Database:Provider</c>, <c>ConnectionStrings:EduDuty</c>), the clock, every handler, the report
/// renderer with its fonts (<c>Report:Fonts:*</c>). Accounts: <see cref="Security.IdentityPolicy.AddEduDutyIdentity"/>.
/// </summary>
public static class ApplicationServices
{
    public static IServiceCollection AddEduDutyApplication(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = DatabaseSettings.FromConfiguration(configuration, contentRoot);
        services.AddSingleton(database);
        // What every signed-in request reads (session, unread count) is cached per instance and dropped on every instance the
        // moment it changes (decision 0046); the interceptor tells the cache of saved changes once they are committed.
        services.AddSingleton<Caching.InstanceCache>();
        services.AddScoped<Caching.CacheChangeInterceptor>();
        services.AddDbContext<EduDutyDbContext>((provider, options) =>
        {
            database.Apply(options);
            options.AddInterceptors(provider.GetRequiredService<Caching.CacheChangeInterceptor>());
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StoredSchemes>();
        services.AddSingleton(sp => new RenderGate(configuration, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<RenderGate>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<RenderGate>.Instance));
        services.AddSingleton(sp => new ReportPdf(configuration, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<RenderGate>()));
        // The report-signing certificate (Signing:*, decision 0031); Development makes its own when none is configured.
        services.AddSingleton(sp => new SigningCertificate(
            SigningOptions.FromConfiguration(configuration, contentRoot, database, IsDevelopment(sp, configuration)),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<SigningCertificate>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<SigningCertificate>.Instance));

        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoData>();

        // Evaluations
        services.AddScoped<WorkspaceLoader>();
        services.AddScoped<WorkspacePageLoader>();
        services.AddScoped<HomeQuery>();
        services.AddScoped<Writes.WriteExecutor>();
        services.AddScoped<ContentWriter>();
        services.AddScoped<FigureWriter>();
        services.AddScoped<SaveArea>();
        services.AddScoped<SaveWorkspaceLoader>();
        services.AddScoped<AutosaveField>();
        services.AddScoped<SaveFigureSet>();
        services.AddScoped<FiguresQuery>();
        services.AddSingleton<FiguresViews>();
        services.AddScoped<EvaluationList>();
        services.AddScoped<EvaluationCard>();
        services.AddScoped<ImportFigures>();
        services.AddScoped<ReportPage>();
        services.AddScoped<SaveReportSettings>();
        services.AddScoped<BindTypedFigure>();
        services.AddScoped<PreviousYear>();
        services.AddScoped<Rectification.RectificationTasks>();
        services.AddScoped<Evaluations.Scores.ScoreQuery>();
        services.AddScoped<Evaluations.Scores.ScoreChanges>();
        services.AddScoped<Rectification.RectificationBoard>();
        services.AddScoped<Rectification.UpdateRectification>();
        services.AddScoped<Rectification.RectificationEvidenceFiles>();

        // Excel
        services.AddScoped<Excel.CountyWorkbookDownload>();
        services.AddScoped<Departments.DepartmentDeskLoader>();
        services.AddScoped<Departments.SaveDepartmentFields>();
        services.AddScoped<Departments.SubmitDepartmentPart>();
        services.AddScoped<Departments.ImportDepartmentWorkbook>();
        services.AddScoped<Excel.CountiesWorkbookExport>();
        services.AddScoped<Reports.CountyReportsZip>();
        services.AddScoped<Oversight.RegionCountiesQuery>();
        services.AddScoped<Oversight.RegionSummaries>();
        services.AddScoped<Administration.RegionSearch>();
        services.AddScoped<Oversight.OversightQuery>();
        services.AddScoped<Oversight.Rollup.RollupReports>();
        services.AddScoped<Oversight.Rollup.SaveRollupTexts>();
        services.AddScoped<IValidator<Oversight.Rollup.RollupForm>, Oversight.Rollup.RollupFormValidator>();

        // Evidence
        services.AddSingleton(EvidenceOptions.FromConfiguration(configuration));
        services.AddSingleton(ClamAvOptions.FromConfiguration(configuration));
        services.AddSingleton<ClamAvScanner>();
        services.AddSingleton<EvidenceInspection>();
        services.AddScoped<EvidenceStore>();
        services.AddScoped<AttachEvidence>();
        services.AddScoped<ChangeEvidence>();
        services.AddScoped<ReplaceEvidence>();
        services.AddScoped<EvidenceDownload>();
        services.AddScoped<EvidenceOverview>();
        services.AddScoped<JudgeEvidence>();
        services.AddScoped<EvidenceZip>();
        services.AddScoped<IValidator<ReportForm>, ReportFormValidator>();
        services.AddScoped<ReviewTransitions>();
        services.AddScoped<ChangesSinceReturn>();
        services.AddScoped<Reports.Editions.ReportEditions>();
        services.AddScoped<Reports.Editions.ReportDownloads>();
        services.AddScoped<Reports.Editions.EditionQueries>();
        services.AddScoped<Reports.Editions.EditionDifferences>();
        services.AddSingleton<Reports.Editions.EditionSigning>();
        services.AddPublication(configuration);
        services.AddSurveys(configuration);
        services.AddScoped<OverviewQuery>();
        services.AddScoped<Departments.ReviewDepartmentParts>();
        services.AddScoped<Departments.DepartmentReviewQuery>();
        services.AddScoped<AreaPageQuery>();
        services.AddScoped<Deadlines>();
        services.AddScoped<CommentThreads>();
        services.AddScoped<CommentWriting>();
        services.AddScoped<OpenThread>();
        services.AddScoped<ReplyToThread>();
        services.AddScoped<SetThreadResolved>();
        services.AddScoped<AuditTimeline>();

        services.AddScoped<Audit.AuditVerification>();
        services.AddScoped<Audit.AuditAnchoring>();
        services.AddSingleton(Audit.AuditAnchorSchedule.FromConfiguration(configuration));
        services.AddScoped<Operations.SqliteBackups>();

        // Accounts
        services.AddScoped<Security.Sessions>();
        services.AddScoped<Security.AttemptLimits>();
        services.AddScoped<Security.TwoFactorSignIn>();
        services.AddSingleton(Security.TwoFactorSettings.FromConfiguration(configuration));
        services.AddSingleton(Security.SignInLimits.FromConfiguration(configuration));
        services.AddScoped<Security.ChangePassword>();
        services.AddScoped<Security.UserProfile>();
        services.AddScoped<Schemes.SchemeCatalog>();
        // API tokens (issue 29, decision 0049)
        services.AddScoped<Security.Tokens.CreateApiToken>();
        services.AddScoped<Security.Tokens.ApiTokenQueries>();
        services.AddScoped<Security.Tokens.RevokeApiToken>();
        services.AddScoped<Security.Tokens.AuthenticateApiToken>();
        services.AddScoped<Security.TrustedDevices>();
        services.AddScoped<Notifications.Inbox>();
        services.AddScoped<Notifications.DeadlineReminders>();
        services.AddScoped<Notifications.DeadlineNotices>();
        services.AddScoped<Notifications.NotificationMailer>();
        services.AddSingleton(Notifications.SmtpSettings.Read(configuration));

        // Administration
        services.AddScoped<AdminAuditLog>();
        services.AddScoped<AdminAudit>();
        services.AddScoped<UserQueries>();
        services.AddScoped<ManagedUsers>();
        services.AddScoped<CreateUsers>();
        // Issue 30, part A: the lead's departments and accounts, the assignment and internal deadline, the department's home.
        services.AddScoped<Departments.Accounts.CountyDepartments>();
        services.AddScoped<Departments.Accounts.CreateDepartment>();
        services.AddScoped<Departments.Accounts.SetDepartmentActive>();
        services.AddScoped<Departments.Assignment.AssignmentQuery>();
        services.AddScoped<Departments.Assignment.SaveAssignment>();
        services.AddScoped<Departments.Assignment.SetDepartmentDeadline>();
        services.AddScoped<Departments.DepartmentHome>();
        services.AddScoped<SetUserActive>();
        services.AddScoped<ResetUserPassword>();
        services.AddScoped<UnlockUser>();
        services.AddScoped<ReassignUser>();
        services.AddScoped<RegionAdministration>();
        services.AddScoped<SchemeAdministration>();
        services.AddScoped<SchemeDocuments>();
        services.AddScoped<EvaluationYears>();
        services.AddScoped<OpenYear>();
        return services;
    }

    // The host's environment (the portal and its test hosts); the command line has none and reads DOTNET_ENVIRONMENT.
    private static bool IsDevelopment(IServiceProvider services, IConfiguration configuration) =>
        services.GetService<Microsoft.Extensions.Hosting.IHostEnvironment>() is { } host
            ? host.EnvironmentName == "Development"
            : string.Equals(configuration["DOTNET_ENVIRONMENT"], "Development", StringComparison.OrdinalIgnoreCase);
}
