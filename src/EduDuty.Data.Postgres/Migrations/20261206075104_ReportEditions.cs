using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EduDuty.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReportEditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportEditions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SchemeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SchemeVersion = table.Column<int>(type: "integer", nullable: false),
                    SchemeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SoftwareVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Snapshot = table.Column<string>(type: "text", nullable: false),
                    SnapshotHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Reading = table.Column<string>(type: "text", nullable: false),
                    Pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    PdfHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Docx = table.Column<byte[]>(type: "bytea", nullable: false),
                    DocxHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SignerSubject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SignerThumbprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Opinion = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportEditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportEditions_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportPublications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationId = table.Column<int>(type: "integer", nullable: false),
                    EditionId = table.Column<long>(type: "bigint", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    PublishedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    WithdrawnByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportPublications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportPublications_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReportPublications_ReportEditions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "ReportEditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportEditions_DocxHash",
                table: "ReportEditions",
                column: "DocxHash");

            migrationBuilder.CreateIndex(
                name: "IX_ReportEditions_EvaluationId_Number_Kind",
                table: "ReportEditions",
                columns: new[] { "EvaluationId", "Number", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportEditions_PdfHash",
                table: "ReportEditions",
                column: "PdfHash");

            migrationBuilder.CreateIndex(
                name: "IX_ReportPublications_EditionId",
                table: "ReportPublications",
                column: "EditionId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportPublications_EvaluationId_EndedAtUtc",
                table: "ReportPublications",
                columns: new[] { "EvaluationId", "EndedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportPublications");

            migrationBuilder.DropTable(
                name: "ReportEditions");
        }
    }
}
