using EduDuty.Application;
using EduDuty.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddEduDuty();

var app = builder.Build();
// The database is brought up to date (and the demo seeded) on one core while the other builds the request pipeline; the
// portal listens only after both, so /healthz still answers 200 only when the demo is there (decision 0048).
var initialized = app.Configuration.GetValue("Database:MigrateOnStartup", true)
    ? Task.Run(() => DatabaseInitializer.InitializeAsync(
        app.Services,
        seedDemoData: app.Environment.IsDevelopment(),
        prefillDemoFigures: app.Configuration.GetValue("Demo:PrefillFigures", true)))
    : Task.CompletedTask;
app.UseEduDuty();
await initialized;
await app.RunAsync();

/// <summary>Entry point; public so that WebApplicationFactory can host the portal in tests.</summary>
public partial class Program;
