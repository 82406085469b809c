using EduDuty.Core.Administration;
using EduDuty.Core.Security;

namespace EduDuty.Core.Tests.Administration;

/// <summary>Issue 30: the users file's optional <c>department</c> column, beside or without <c>email</c>, in either order.</summary>
public sealed class UserCsvDepartmentTests
{
    [Theory]
    [InlineData("username,display_name,role,region_code,department\nwx.cz,王财,部门填报人员,140823,财政局\n", null)]
    [InlineData("username,display_name,role,region_code,email,department\nwx.cz,王财,DepartmentOfficial,140823,w@example.gov.cn,财政局\n", "w@example.gov.cn")]
    [InlineData("username,display_name,role,region_code,department,email\nwx.cz,王财,DepartmentOfficial,140823,财政局,w@example.gov.cn\n", "w@example.gov.cn")]
    public void The_department_column_is_read_in_any_order_beside_the_email(string csv, string? email)
    {
        var read = UserCsv.Read(csv);

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var row = Assert.Single(read.Rows);
        Assert.Equal(("wx.cz", Roles.DepartmentOfficial, "财政局", email), (row.UserName, row.Role, row.Department, row.Email));
    }

    [Fact]
    public void The_old_headers_still_read_and_give_no_department()
    {
        var read = UserCsv.Read("username,display_name,role,region_code,email\na.one,甲,CountyOfficial,140823,\n");

        Assert.Null(Assert.Single(read.Rows).Department);
    }

    [Theory]
    [InlineData("username,display_name,role,region_code,department,department")]
    [InlineData("username,display_name,role,region_code,unit")]
    public void A_header_with_an_unknown_or_repeated_column_is_refused_naming_the_header(string header)
    {
        var read = UserCsv.Read(header + "\na.one,甲,CountyOfficial,140823,x,y\n");

        Assert.Equal(["第 1 行：表头应为 username,display_name,role,region_code（可再加 email、department 列）"], read.Errors);
    }

    [Theory]
    [InlineData("DepartmentOfficial", "", "部门填报人员须填写所属部门，如 财政局")]
    [InlineData("CountyLead", "财政局", "只有部门填报人员填写部门，县级负责人的部门一栏请留空")]
    public void The_department_is_required_for_a_department_official_and_refused_for_any_other_role(string role, string department, string message)
    {
        var read = UserCsv.Read($"username,display_name,role,region_code,department\na.one,甲,{role},140823,{department}\n");

        Assert.Equal([$"第 2 行：{message}"], read.Errors);
    }

    [Fact]
    public void A_department_official_belongs_to_a_county_only()
    {
        Assert.True(UserCsv.FitsRegion(Roles.DepartmentOfficial, Regions.RegionLevel.County));
        Assert.False(UserCsv.FitsRegion(Roles.DepartmentOfficial, Regions.RegionLevel.City));
    }
}
