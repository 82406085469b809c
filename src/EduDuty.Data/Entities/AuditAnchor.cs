using System.Security.Cryptography;
using System.Text;

namespace EduDuty.Data.Entities;

/// <summary>
/// One anchor of the audit (decision 0045), as Certificate Transparency keeps its log: the heads of every chain that moved
/// since the previous anchor (<see cref="AuditAnchorLeaf"/>), a Merkle tree over them whose root is stored here, and the
/// anchor itself linked into the chain of anchors (<see cref="AuditChain.Anchors"/>). An entry removed or changed after it
/// was anchored breaks its chain where the anchor recorded its head; an anchor removed or changed breaks the anchors' chain.
/// </summary>
public class AuditAnchor : IChainedEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>How many chain heads it anchors (its leaves, in order of chain name).</summary>
    public int Leaves { get; set; }

    /// <summary>The Merkle tree hash over the leaves (<see cref="MerkleTree.Root"/>), hex.</summary>
    public required string Root { get; set; }

    public long? ChainIndex { get; set; }

    public string? Hash { get; set; }

    /// <summary>
    /// The signature of <see cref="Hash"/> with the deployment's signing certificate (RSA PKCS #1 v1.5 or ECDSA over
    /// SHA-256, base64), made when the anchor is written; null when no certificate was configured. Not part of the hashed
    /// content: whoever recomputes the chains without the private key cannot make it again.
    /// </summary>
    public string? Signature { get; set; }

    /// <summary>SHA-256 of the signing certificate (DER), lowercase hex; null when unsigned.</summary>
    public string? SignerSha256 { get; set; }

    string IChainedEntry.ChainName => AuditChain.Anchors;

    void IChainedEntry.NormalizeTime() => AtUtc = AuditChain.Microseconds(AtUtc);

    string IChainedEntry.Canonical() => AuditChain.Canonical(ChainIndex, AtUtc, Leaves, Root);
}

/// <summary>One chain's head as an anchor took it in: the chain, its last index then, and the hash of that link.</summary>
public class AuditAnchorLeaf
{
    public long AnchorId { get; set; }

    /// <summary>Its place among the anchor's leaves, from 0 (the order of chain names).</summary>
    public int Position { get; set; }

    public required string Chain { get; set; }

    public long ChainIndex { get; set; }

    public required string ChainHash { get; set; }

    /// <summary>The leaf's content as the tree hashes it.</summary>
    public string Canonical() => AuditChain.Canonical(Chain, ChainIndex, ChainHash);
}

/// <summary>
/// The Merkle tree hash of RFC 6962 (Certificate Transparency) over SHA-256: a leaf is hashed with a 0 byte before it, an
/// inner node with a 1 byte before its two children, and n leaves split at the largest power of two below n.
/// </summary>
public static class MerkleTree
{
    public static string Root(IReadOnlyList<string> leaves) =>
        Convert.ToHexStringLower(leaves.Count == 0 ? SHA256.HashData([]) : Hash(leaves, 0, leaves.Count));

    private static byte[] Hash(IReadOnlyList<string> leaves, int start, int count)
    {
        if (count == 1) return SHA256.HashData([0, .. Encoding.UTF8.GetBytes(leaves[start])]);
        var split = 1;
        while (split * 2 < count) split *= 2;
        return SHA256.HashData([1, .. Hash(leaves, start, split), .. Hash(leaves, start + split, count - split)]);
    }
}
