using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grid.Edge.Auth;

/// <summary>Agents' JWTs: claims "sub" (agent id), "tenant", "name" and "role" (agent, expert, supervisor, admin: see <see cref="AgentRole"/>).</summary>
public static class AgentTokens
{
    public const string TenantClaim = "tenant";
    public const string NameClaim = "name";
    public const string RoleClaim = "role";

    public static SymmetricSecurityKey Key(string base64) =>
        new(Convert.FromBase64String(base64)) { KeyId = "grid" };

    /// <summary>Mints a token (for development, tests and the token command; production tokens come from the identity provider).</summary>
    public static string Mint(AuthOptions auth, string tenant, string agentId, string displayName, string role, TimeSpan lifetime)
    {
        if (string.IsNullOrEmpty(auth.SigningKey))
        {
            throw new InvalidOperationException("Grid:Auth:SigningKey is not configured.");
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", agentId),
                new Claim(TenantClaim, tenant),
                new Claim(NameClaim, displayName),
                new Claim(RoleClaim, role),
            ]),
            SigningCredentials = new SigningCredentials(Key(auth.SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
