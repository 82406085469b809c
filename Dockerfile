# EduDuty portal image: build with the .NET SDK, run on the ASP.NET Core runtime with the CJK fonts the PDF report uses.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so that the restore layer is reused while only code changes. Every project the portal references,
# directly or not, must be here (tests/EduDuty.Web.Tests/Deployment/DockerfileTests checks it).
COPY Directory.Build.props Directory.Packages.props EduDuty.sln ./
COPY src/EduDuty.Core/EduDuty.Core.csproj src/EduDuty.Core/
COPY src/EduDuty.Data/EduDuty.Data.csproj src/EduDuty.Data/
COPY src/EduDuty.Data.Sqlite/EduDuty.Data.Sqlite.csproj src/EduDuty.Data.Sqlite/
COPY src/EduDuty.Data.Postgres/EduDuty.Data.Postgres.csproj src/EduDuty.Data.Postgres/
COPY src/EduDuty.Reporting/EduDuty.Reporting.csproj src/EduDuty.Reporting/
COPY src/EduDuty.Application/EduDuty.Application.csproj src/EduDuty.Application/
COPY src/EduDuty.Web/EduDuty.Web.csproj src/EduDuty.Web/
RUN dotnet restore src/EduDuty.Web/EduDuty.Web.csproj
COPY src/ src/
RUN dotnet publish src/EduDuty.Web/EduDuty.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# TrueType-outline CJK fonts for the PDF (PDFsharp cannot use CFF-outline Noto CJK); curl for the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "EduDuty.Web.dll"]
