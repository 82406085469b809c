using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EduDuty.Web.Api.Documents;

/// <summary>
/// The OpenAPI document's parts the framework does not write (issue 29, decision 0051): title, version and description in
/// Chinese and English; the bearer scheme; per operation its required scope (the <c>x-eduduty-scopes</c> extension and the
/// security requirement, both read from the endpoint's policy — written once, on the endpoint), its problem responses
/// (application/problem+json, the fields <c>ApiProblems</c> writes) with examples, and its parameters' examples.
/// </summary>
public static class ApiDocumentTransformers
{
    public const string SchemeName = "bearer";
    public const string ScopesExtension = "x-eduduty-scopes";

    /// <summary>The scope an endpoint requires, from its authorization policy; null for one that needs none.</summary>
    public static string? ScopeOf(IEnumerable<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null && ApiPolicies.ScopeOf.ContainsKey(p)).Select(p => ApiPolicies.ScopeOf[p!]).LastOrDefault();

    private static readonly Dictionary<int, (string Zh, string En, string Code, string Title)> ProblemTexts = new()
    {
        [400] = ("请求无法读取（JSON 或参数格式不对），未作任何修改。", "The request cannot be read (its JSON or a parameter); nothing changed.", "api-bad-request", "请求的格式不正确，请检查后重试。"),
        [422] = ("输入有误：errors 列出每个字段的问题，未作任何修改。", "The input is not valid: errors name each field; nothing changed.", "invalid", "请求中有数据不符合要求，请按 errors 中的说明逐项修改后重试。"),
        [401] = ("没有令牌，或令牌无效、已过期、已撤销。", "No token, or a token that is invalid, expired or revoked.", "token-missing", "需要有效的访问令牌。"),
        [403] = ("令牌没有所需的权限范围，或用户的角色、地区不允许。", "The token lacks the scope, or the user's role or region does not allow it.", "scope-missing", "令牌没有此操作所需的权限范围。"),
        [404] = ("不存在，或不在用户管辖的地区内。", "Not there, or outside the user's region.", "counties-region-unknown", "地区代码 149999 不存在，或不在您管辖的范围内。"),
        [409] = ("现在不能这样做（状态、截止日期），或别人先改了：conflicts 说明。", "Not now (state, deadline), or someone changed it first: see conflicts.", "submitted-lock", "评价已提交，正在等待督导审核，内容已锁定。如需修改，请联系督导人员退回。"),
        [412] = ("If-Match 的版本已过时：先重新读取再提交。", "The If-Match version is stale: read again, then write.", "stale-version", "数据已被他人修改，请重新读取后再提交。"),
        [429] = ("超过令牌的调用频率限制：按 Retry-After 等待后重试。", "Over the token's rate limit: wait for Retry-After, then try again.", "rate-limited", "调用过于频繁，请稍后重试。"),
        [503] = ("服务器暂时无法处理（生成队列已满）：稍后重试。", "The server cannot do it now (every slot busy): try again later.", "busy", "服务器繁忙，请稍后重试。"),
    };

    public sealed class Document : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Info = new OpenApiInfo
            {
                Title = "EduDuty 履行教育职责评价 API / EduDuty education-duty evaluation API",
                Version = "v1",
                Description =
                    "县级填报、督导审核和省级汇总所用的同一套规则的机器接口：每个请求以访问令牌（Authorization: Bearer edt_…）认证，令牌的权限范围只会收窄其用户在门户中的权限。" +
                    "错误按 RFC 9457 以 application/problem+json 返回，code 与门户的提示一致。" +
                    "个人令牌在门户的“个人信息 → 访问令牌”中创建；服务令牌由管理员在“系统管理 → 服务账号与令牌”中创建。" +
                    "在本页 Authentication 的 Bearer Token 中填入令牌即可试调用。\n\n" +
                    "The machine door to the same rules the portal applies: every request carries an access token (Authorization: Bearer edt_…) whose " +
                    "scopes only narrow what its user may do in the portal. Errors are RFC 9457 problem+json with the portal's codes and Chinese texts. " +
                    "Personal tokens are made on the portal's 个人信息 page, service tokens by an administrator (系统管理 → 服务账号与令牌).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "edt_…",
                Description = "个人访问令牌或服务令牌，只显示一次。A personal or service token, shown once.",
            };
            document.Tags ??= new HashSet<OpenApiTag>();
            var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
                .Select(t => t.Name).OfType<string>().Distinct().ToList();
            foreach (var name in used.Where(n => document.Tags.All(t => t.Name != n))) document.Tags.Add(new OpenApiTag { Name = name });
            foreach (var tag in document.Tags) tag.Description ??= TagDescription(tag.Name ?? string.Empty);
            // ProblemDetails is declared by endpoints that say ProducesProblem; every such answer is documented as ApiProblem (the
            // operation transformer), so the framework's schema is left unused unless something else still names it.
            var named = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
                .SelectMany(o => o.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => r.Content?.Values.AsEnumerable() ?? [])
                .Select(m => m.Schema).OfType<OpenApiSchemaReference>().Select(r => r.Reference.Id).ToHashSet();
            if (!named.Contains("ProblemDetails")) document.Components.Schemas?.Remove("ProblemDetails");
            document.Servers = [new OpenApiServer { Url = "/", Description = "本门户 / this portal" }];
            return Task.CompletedTask;
        }

        private static string TagDescription(string tag) => tag switch
        {
            "汇总" => "各县汇总 / Region summaries",
            "管理记录" => "管理记录 / The admin audit",
            "方案" => "评价方案 / Schemes",
            "地区" => "地区 / Regions",
            "评价" => "评价 / Evaluations",
            "数据" => "填报数据 / Figures",
            _ => tag,
        };
    }

    public sealed class Operation : IOpenApiOperationTransformer
    {
        public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var document = context.Document;
            var scope = ScopeOf(metadata);
            if (scope is not null)
            {
                // One scope, or alternatives when the endpoint decides by role (ApiDoc.AnyOfScopes): each its own requirement (OR).
                var scopes = metadata.OfType<ApiDoc.AnyOfScopes>().LastOrDefault()?.Scopes ?? [scope];
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[ScopesExtension] = new JsonNodeExtension(new JsonArray([.. scopes.Select(s => (JsonNode)s)]));
                operation.Security = [.. scopes.Select(s => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [s] })];
                var named = string.Join(" 或 / or ", scopes.Select(s => $"`{s}`"));
                operation.Description = $"{operation.Description}\n\n所需权限范围 / Required scope: {named}".TrimStart();
            }

            operation.Responses ??= new OpenApiResponses();
            // Every problem+json answer is ApiProblem, the one body ApiProblems writes, whatever an endpoint declared (ProducesProblem
            // would say ProblemDetails); 401, 403 and 429 every operation under a scope can answer, whether or not its endpoint says so.
            document!.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            if (!document.Components.Schemas.ContainsKey(nameof(ApiProblem)))
                document.AddComponent(nameof(ApiProblem), await context.GetOrCreateSchemaAsync(typeof(ApiProblem), null, cancellationToken));
            foreach (var declared in operation.Responses.Values.OfType<OpenApiResponse>())
                if (declared.Content?.TryGetValue(ApiProblems.ContentType, out var media) == true && media is not null)
                    media.Schema = new OpenApiSchemaReference(nameof(ApiProblem), document);
            if (scope is not null)
            {
                foreach (var status in new[] { "401", "403", "429" })
                    if (!operation.Responses.ContainsKey(status))
                        operation.Responses[status] = new OpenApiResponse
                        {
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                [ApiProblems.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(nameof(ApiProblem), document) },
                            },
                        };
            }

            foreach (var (key, value) in operation.Responses)
            {
                if (value is not OpenApiResponse response || response.Content?.TryGetValue(ApiProblems.ContentType, out var problem) != true || problem is null) continue;
                var status = int.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
                var (zh, en, code, title) = ProblemTexts.GetValueOrDefault(status, ("错误。", "An error.", "error", "出错了。"));
                response.Description = $"{zh} {en}";
                var example = new JsonObject
                {
                    ["type"] = ApiProblems.TypePrefix + code,
                    ["title"] = title,
                    ["status"] = status,
                    ["code"] = code,
                    ["errors"] = status == 422 ? new JsonArray(new JsonObject { ["field"] = "size", ["message"] = "每页条数应为 1 到 200 之间的整数。" }) : new JsonArray(),
                    ["conflicts"] = null,
                    ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
                };
                problem.Example = example;
            }

            foreach (var example in metadata.OfType<ApiDoc.Example>())
                if (operation.Parameters?.FirstOrDefault(p => p.Name == example.Parameter) is OpenApiParameter parameter)
                    parameter.Example = System.Text.Json.JsonSerializer.SerializeToNode(example.Value);

            if (metadata.OfType<ApiDoc.Streamed>().Any() && operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse streamed && streamed.Content is { } content)
            {
                streamed.Description = "逐行输出：NDJSON 每行一个对象（结构见 schema），CSV 见说明。 One object of the schema a line (NDJSON); CSV as described.";
                if (content.TryGetValue(Endpoints.SummariesEndpoints.CsvMediaType, out var csv))
                    csv.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV，首行为列名 / CSV with a header row" };
            }

        }
    }
}
