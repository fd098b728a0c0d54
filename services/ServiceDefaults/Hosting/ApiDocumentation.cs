using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace EventPlatform.ServiceDefaults;

/// <summary>What a service says about its API: the document's title and description, and a sentence per tag.</summary>
public sealed class ApiDocumentationOptions
{
    public string Title { get; set; } = "EventPlatform API";
    public string Description { get; set; } = "";
    public Dictionary<string, string> Tags { get; } = [];
}

/// <summary>Problem responses an endpoint can give beyond those its shape implies (see <see cref="ApiDocumentation"/>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ProblemResponsesAttribute(params int[] statusCodes) : Attribute
{
    public IReadOnlyList<int> StatusCodes { get; } = statusCodes;
}

/// <summary>
/// Makes every service's OpenAPI document complete for the people who integrate with the platform: the bearer
/// security scheme on every secured operation, an operationId for each (the handler's name), the problem responses
/// each operation can give (RFC 9457 bodies), tag descriptions, a license, and a server URL without a trailing slash.
/// The responses follow from each endpoint's shape: 400 for every operation (bad query, path or body values), 401 when
/// it needs a token, 403 for organizer operations, 404 when it names a resource in its path, 409 and 422 for changes
/// (conflicts with the current state, broken business rules), 413 and 415 when it reads a body; an endpoint lists
/// others with <see cref="ProblemResponsesAttribute"/> (e.g. 429 where sign-ins are throttled).
/// </summary>
public static class ApiDocumentation
{
    public const string BearerScheme = "bearer";
    private const string ProblemSchema = "ProblemDetails";
    private const string ValidationProblemSchema = "HttpValidationProblemDetails";

    private static readonly Dictionary<int, string> Reasons = new()
    {
        [400] = "The request is malformed or a value is invalid; errors name each field",
        [401] = "No valid bearer token: sign in (POST /api/auth/login) and send the access token",
        [403] = "Signed in, but not allowed to do this",
        [404] = "Not found, or not yours to see",
        [409] = "Conflicts with the current state",
        [413] = "The request body is too large",
        [415] = "The body is not JSON",
        [422] = "Well formed, but breaks a business rule",
        [429] = "Too many attempts; wait for the number of seconds in Retry-After",
    };

    /// <summary>What a service says about its API (title, description, tags); see <see cref="ApiDocumentationOptions"/>.</summary>
    public static IServiceCollection DescribeApi(this IServiceCollection services, Action<ApiDocumentationOptions> describe) =>
        services.Configure(describe);

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddOptions<ApiDocumentationOptions>();
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(DescribeDocumentAsync);
            options.AddOperationTransformer(DescribeOperationAsync);
            options.AddSchemaTransformer(DescribeSchemaAsync);
        });
        return services;
    }

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var described = context.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiDocumentationOptions>>().Value;
        document.Info ??= new OpenApiInfo();
        document.Info.Title = described.Title;
        document.Info.Version = "v1";
        document.Info.Description = described.Description;
        document.Info.License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/licenses/MIT") };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : "/";
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The access token from POST /api/auth/login or /api/auth/signup (ES256, 15 minutes); renew it with POST /api/auth/refresh.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(ProblemSchema, Problem(validation: false));
        document.Components.Schemas.TryAdd(ValidationProblemSchema, Problem(validation: true));

        List<OpenApiOperation> operations = document.Paths is null ? [] : [.. document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? [])];
        var used = operations
            .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            Description = described.Tags.TryGetValue(name, out var sentence) ? sentence : name,
        }));

        // Operation ids must be unique in a document; two handlers with one name get a numbered suffix.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            if (operation.OperationId is { } id && !seen.TryAdd(id, 1))
            {
                operation.OperationId = $"{id}{++seen[id]}";
            }
        }
        return Task.CompletedTask;
    }

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var handler = metadata.OfType<MethodInfo>().FirstOrDefault();
        operation.OperationId ??= handler is null ? null : char.ToLowerInvariant(handler.Name[0]) + handler.Name[1..];

        var method = context.Description.HttpMethod ?? "GET";
        var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var organizerOnly = metadata.OfType<IAuthorizeData>().Any(a => a.Policy == Auth.Policies.Organizer || a.Roles is not null);
        var readsBody = context.Description.ParameterDescriptions.Any(p => p.Source?.Id == "Body")
            || metadata.OfType<IAcceptsMetadata>().Any();
        var namesResource = context.Description.RelativePath?.Contains('{', StringComparison.Ordinal) == true;
        var changes = method is "POST" or "PUT" or "PATCH" or "DELETE";

        var codes = new SortedSet<int> { 400 };
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] };
        if (secured)
        {
            codes.Add(401);
            operation.Security = [bearer];
        }
        else
        {
            // Open to anyone; a signed-in caller may see more (an organizer their drafts, a voter their votes).
            operation.Security = [new OpenApiSecurityRequirement(), bearer];
        }
        if (organizerOnly)
        {
            codes.Add(403);
        }
        if (namesResource)
        {
            codes.Add(404);
        }
        if (changes)
        {
            codes.Add(409);
            codes.Add(422);
        }
        if (readsBody)
        {
            codes.Add(413);
            codes.Add(415);
        }
        if (handler?.GetCustomAttribute<ProblemResponsesAttribute>() is { } extra)
        {
            codes.UnionWith(extra.StatusCodes);
        }

        operation.Responses ??= [];
        foreach (var code in codes)
        {
            var key = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var schema = new OpenApiSchemaReference(code == 400 ? ValidationProblemSchema : ProblemSchema, context.Document);
            var problem = new OpenApiMediaType { Schema = schema };
            if (operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse response)
            {
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                response.Content.Remove("application/json");
                response.Content["application/problem+json"] = problem;
                response.Description = Reasons[code];
            }
            else if (existing is null)
            {
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = Reasons[code],
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = problem },
                };
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Types the generator cannot see through the platform's own JSON converters (every string and date is read by one,
    /// see <c>SafeJson</c>) are written back, and <c>required</c> lists what the validation attributes require, not
    /// every constructor parameter of a record (optional fields of a request may be left out).
    /// </summary>
    private static Task DescribeSchemaAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.JsonTypeInfo.Type;
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        var nullable = context.JsonPropertyInfo is { } property ? property.IsSetNullable : Nullable.GetUnderlyingType(declared) is not null;
        var orNull = nullable ? JsonSchemaType.Null : 0;
        if (type == typeof(string))
        {
            schema.Type = JsonSchemaType.String | orNull;
        }
        else if (type == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String | orNull;
            schema.Format = "date-time";
        }
        else if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Enumerable && schema.Items is null && ElementType(type) == typeof(string))
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        else if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && context.JsonPropertyInfo is null && schema.Properties is { Count: > 0 })
        {
            var required = context.JsonTypeInfo.Properties
                .Where(p => HasRequired(p.AttributeProvider) || HasRequired(p.AssociatedParameter?.AttributeProvider))
                .Select(p => p.Name);
            schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
        }
        return Task.CompletedTask;
    }

    private static bool HasRequired(ICustomAttributeProvider? member) =>
        member?.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.RequiredAttribute), inherit: true).Length > 0;

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>The codes an operation's document lists: what the fuzz suite holds every answer against.</summary>
    public static IReadOnlyDictionary<int, string> ProblemReasons => Reasons;

    private static OpenApiSchema Problem(bool validation)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = validation
                ? "RFC 9457 problem details; errors maps each invalid field to what is wrong with it."
                : "RFC 9457 problem details; type ends with a code for the rule that applies (e.g. event-not-published).",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["correlationId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        if (validation)
        {
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }
        return schema;
    }
}
