using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace EduDuty.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deadlines_SchemeId_Year",
                table: "Deadlines");

            migrationBuilder.AddColumn<int>(
                name: "OwnerRegionId",
                table: "Schemes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RegionId",
                table: "Deadlines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Deadlines set before they belonged to a region were for the whole year: they become the (first) province's.
            migrationBuilder.Sql("UPDATE \"Deadlines\" SET \"RegionId\" = COALESCE((SELECT MIN(\"Id\") FROM \"Regions\" WHERE \"Level\" = 1), 0);");
            migrationBuilder.Sql("DELETE FROM \"Deadlines\" WHERE \"RegionId\" = 0;");

            migrationBuilder.AddColumn<long>(
                name: "ChainIndex",
                table: "AuditEntries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ChainIndex",
                table: "AdminAuditEntries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AdminAuditEntries",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegionPath",
                table: "AdminAuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "AuditChains",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LastIndex = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChains", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Ticket = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "AuditChains",
                columns: new[] { "Name", "LastHash", "LastIndex" },
                values: new object[,]
                {
                    { "admin", null, 0L },
                    { "audit", null, 0L }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Schemes_OwnerRegionId",
                table: "Schemes",
                column: "OwnerRegionId");

            migrationBuilder.CreateIndex(
                name: "IX_Deadlines_RegionId",
                table: "Deadlines",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_Deadlines_SchemeId_Year_RegionId",
                table: "Deadlines",
                columns: new[] { "SchemeId", "Year", "RegionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ChainIndex",
                table: "AuditEntries",
                column: "ChainIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AdminAuditEntries_ChainIndex",
                table: "AdminAuditEntries",
                column: "ChainIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AdminAuditEntries_RegionPath",
                table: "AdminAuditEntries",
                column: "RegionPath");

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId",
                table: "UserSessions",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_Deadlines_Regions_RegionId",
                table: "Deadlines",
                column: "RegionId",
                principalTable: "Regions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Schemes_Regions_OwnerRegionId",
                table: "Schemes",
                column: "OwnerRegionId",
                principalTable: "Regions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Deadlines_Regions_RegionId",
                table: "Deadlines");

            migrationBuilder.DropForeignKey(
                name: "FK_Schemes_Regions_OwnerRegionId",
                table: "Schemes");

            migrationBuilder.DropTable(
                name: "AuditChains");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropIndex(
                name: "IX_Schemes_OwnerRegionId",
                table: "Schemes");

            migrationBuilder.DropIndex(
                name: "IX_Deadlines_RegionId",
                table: "Deadlines");

            migrationBuilder.DropIndex(
                name: "IX_Deadlines_SchemeId_Year_RegionId",
                table: "Deadlines");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ChainIndex",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AdminAuditEntries_ChainIndex",
                table: "AdminAuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AdminAuditEntries_RegionPath",
                table: "AdminAuditEntries");

            migrationBuilder.DropColumn(
                name: "OwnerRegionId",
                table: "Schemes");

            migrationBuilder.DropColumn(
                name: "RegionId",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "ChainIndex",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ChainIndex",
                table: "AdminAuditEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AdminAuditEntries");

            migrationBuilder.DropColumn(
                name: "RegionPath",
                table: "AdminAuditEntries");

            migrationBuilder.CreateIndex(
                name: "IX_Deadlines_SchemeId_Year",
                table: "Deadlines",
                columns: new[] { "SchemeId", "Year" },
                unique: true);
        }
    }
}
