using EduDuty.Application;
using EduDuty.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddEduDuty();

var app = builder.Build();
app.UseEduDuty();

if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
{
    await DatabaseInitializer.InitializeAsync(
        app.Services,
        seedDemoData: app.Environment.IsDevelopment(),
        prefillDemoFigures: app.Configuration.GetValue("Demo:PrefillFigures", true));
}

await app.RunAsync();

/// <summary>Entry point; public so that WebApplicationFactory can host the portal in tests.</summary>
public partial class Program;
