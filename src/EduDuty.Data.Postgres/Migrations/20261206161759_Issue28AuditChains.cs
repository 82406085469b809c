using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EduDuty.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Issue28AuditChains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ChainIndex",
                table: "AuditEntries");

            migrationBuilder.AddColumn<bool>(
                name: "OwnChain",
                table: "AuditEntries",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "AnchoredIndex",
                table: "AuditChains",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "AuditAnchorLeaves",
                columns: table => new
                {
                    AnchorId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Chain = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ChainIndex = table.Column<long>(type: "bigint", nullable: false),
                    ChainHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditAnchorLeaves", x => new { x.AnchorId, x.Position });
                });

            migrationBuilder.CreateTable(
                name: "AuditAnchors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Leaves = table.Column<int>(type: "integer", nullable: false),
                    Root = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    ChainIndex = table.Column<long>(type: "bigint", nullable: true),
                    Hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditAnchors", x => x.Id);
                });

            migrationBuilder.UpdateData(
                table: "AuditChains",
                keyColumn: "Name",
                keyValue: "admin",
                column: "AnchoredIndex",
                value: 0L);

            migrationBuilder.UpdateData(
                table: "AuditChains",
                keyColumn: "Name",
                keyValue: "audit",
                column: "AnchoredIndex",
                value: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OwnChain_EvaluationId_ChainIndex",
                table: "AuditEntries",
                columns: new[] { "OwnChain", "EvaluationId", "ChainIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditAnchors_ChainIndex",
                table: "AuditAnchors",
                column: "ChainIndex",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditAnchorLeaves");

            migrationBuilder.DropTable(
                name: "AuditAnchors");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_OwnChain_EvaluationId_ChainIndex",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "OwnChain",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "AnchoredIndex",
                table: "AuditChains");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ChainIndex",
                table: "AuditEntries",
                column: "ChainIndex",
                unique: true);
        }
    }
}
