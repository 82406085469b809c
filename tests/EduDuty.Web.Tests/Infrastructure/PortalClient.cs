using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>A browser-like client: keeps cookies, does not follow redirects, posts forms with their antiforgery token.</summary>
public sealed class PortalClient(HttpClient http, CookieContainer cookies)
{
    public const string DemoPassword = "Demo-Password-2021";

    public HttpClient Http { get; } = http;

    /// <summary>The cookies the portal set, as a browser keeps them (a test can copy them to replay a session).</summary>
    public CookieContainer Cookies { get; } = cookies;

    public static PortalClient For(PortalFactory factory)
    {
        var cookies = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler();
        return new(factory.CreateDefaultClient(cookies), cookies.Container);
    }

    /// <summary>A client addressing the portal by another scheme and host, as a deployment is reached.</summary>
    public static PortalClient For(PortalFactory factory, Uri baseAddress)
    {
        var cookies = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler();
        return new(factory.CreateDefaultClient(baseAddress, cookies), cookies.Container);
    }

    public async Task<HttpResponseMessage> SignInAsync(string userName, string password = DemoPassword) =>
        await PostFormAsync("/Account/Login", "#login-form", new()
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    public async Task<PortalClient> SignedInAsync(string userName)
    {
        var response = await SignInAsync(userName);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {userName} failed: {response.StatusCode}");
        return this;
    }

    /// <summary>
    /// Loads <paramref name="pageUrl"/>, then posts <paramref name="fields"/> as its form would: to the form's action (or the
    /// named handler of the page, to try what the page does not offer), with its token.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, string formSelector, Dictionary<string, string> fields, string? handler = null)
    {
        var (action, token) = await FormTargetAsync(pageUrl, formSelector, handler);
        fields["__RequestVerificationToken"] = token;
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a multipart form as a browser does: its fields (typed over by <paramref name="fields"/>) and files.</summary>
    public async Task<HttpResponseMessage> PostFilesAsync(string pageUrl, string formSelector, IReadOnlyDictionary<string, string> fields, params (string Field, string FileName, byte[] Content)[] files) =>
        await PostFilesAsync(await GetDocumentAsync(pageUrl), formSelector, fields, files);

    /// <summary>Posts a form of a page already loaded (a form taken before the page changed).</summary>
    public async Task<HttpResponseMessage> PostFilesAsync(IHtmlDocument page, string formSelector, IReadOnlyDictionary<string, string> fields, params (string Field, string FileName, byte[] Content)[] files)
    {
        var pageUrl = page.Url;
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"no form {formSelector} on {pageUrl}");
        var values = FormValues(form);
        foreach (var (name, value) in fields) values[name] = value;
        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in values) body.Add(new StringContent(value), name);
        foreach (var (field, fileName, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            body.Add(file, field, fileName);
        }

        return await Http.PostAsync(form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl, body);
    }

    /// <summary>Uploads one file through the form, as a browser's file input sends it.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string pageUrl, string formSelector, string field, string fileName, string content, string contentType = "application/json")
    {
        var (action, token) = await FormTargetAsync(pageUrl, formSelector, null);
        using var body = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        body.Add(file, field, fileName);
        return await Http.PostAsync(action, body);
    }

    private async Task<(string Action, string Token)> FormTargetAsync(string pageUrl, string formSelector, string? handler)
    {
        var page = await GetDocumentAsync(pageUrl);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"no form {formSelector} on {pageUrl}");
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")
            ?? throw new InvalidOperationException($"no antiforgery token in {formSelector} on {pageUrl}");
        var action = handler is not null ? $"{pageUrl}?handler={handler}" : form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        return (action, token.Value);
    }

    /// <summary>
    /// Submits a form as a browser would: every field with its current value (checked radios only, no disabled fields),
    /// with <paramref name="changes"/> typed over them.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string formSelector, IReadOnlyDictionary<string, string> changes, string? handler = null)
    {
        var page = await GetDocumentAsync(pageUrl);
        return await SubmitAsync(page, pageUrl, formSelector, changes, handler);
    }

    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string pageUrl, string formSelector, IReadOnlyDictionary<string, string> changes, string? handler = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"no form {formSelector} on {pageUrl}");
        var fields = FormValues(form);
        foreach (var (name, value) in changes) fields[name] = value;
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        if (handler is not null) action += (action.Contains('?') ? "&" : "?") + "handler=" + handler;
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static Dictionary<string, string> FormValues(IHtmlFormElement form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { IsDisabled: false } input when input.Type is "radio" or "checkbox":
                    if (input.IsChecked) fields[input.Name!] = input.Value;
                    break;
                case IHtmlInputElement { IsDisabled: false } input when input.Type is not ("file" or "submit") && input.Name is { Length: > 0 }:
                    fields[input.Name] = input.Value;
                    break;
                case IHtmlTextAreaElement { IsDisabled: false } area when area.Name is { Length: > 0 }:
                    fields[area.Name] = area.Value;
                    break;
                case IHtmlSelectElement { IsDisabled: false } select when select.Name is { Length: > 0 } && !select.IsMultiple:
                    fields[select.Name] = select.Value ?? ""; // the selected option, or the first, as a browser posts it
                    break;
            }
        }

        return fields;
    }

    public async Task<IHtmlDocument> GetDocumentAsync(string url)
    {
        var response = await Http.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}
