import Crypto
import X509

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Certificates for TLS tests, made on the spot with P-256 keys: a self-signed server certificate, or a
/// CA with a server certificate it signed (to test `ca_file` verification).
public enum TestCertificates {
    /// The pair returned by ``authorityAndLeaf(authorityName:commonName:dnsNames:ipAddresses:notValidBefore:notValidAfter:)``.
    public struct SignedPair: Sendable, Hashable {
        /// The CA (write `authority.certificatePEM` to a file for `ca_file`).
        public let authority: TestCertificate
        /// The server certificate signed by ``authority`` (serve it with `.certificate(leaf)`).
        public let leaf: TestCertificate
    }

    /// A self-signed server certificate.
    ///
    /// - Parameters:
    ///   - dnsNames: subject alternative DNS names.
    ///   - ipAddresses: subject alternative IP addresses (IPv4 or IPv6 text).
    public static func selfSigned(
        commonName: String = "localhost",
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1"],
        notValidBefore: Date = Date(timeIntervalSinceNow: -3600),
        notValidAfter: Date = Date(timeIntervalSinceNow: 365 * 86_400)
    ) throws -> TestCertificate {
        let key = P256.Signing.PrivateKey()
        let certificateKey = Certificate.PrivateKey(key)
        let name = try DistinguishedName {
            OrganizationName("PleskSimulator")
            CommonName(commonName)
        }
        // CA:TRUE and keyCertSign, as `openssl req -x509` makes them, so a client can use the certificate
        // itself as its trust root (`ca_file`); BoringSSL rejects a CA:FALSE trust anchor.
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(digitalSignature: true, keyEncipherment: true, keyCertSign: true))
            try ExtendedKeyUsage([.serverAuth])
            SubjectKeyIdentifier(hash: certificateKey.publicKey)
            SubjectAlternativeNames(try self.alternativeNames(dnsNames: dnsNames, ipAddresses: ipAddresses))
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: certificateKey.publicKey,
            notValidBefore: notValidBefore,
            notValidAfter: notValidAfter,
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: certificateKey
        )
        return try self.wrap(certificate, key: key)
    }

    /// A CA certificate and a server certificate signed by it.
    ///
    /// - Parameter usages: the leaf's extended key usages; `[.clientAuth]` makes a client certificate for mutual TLS
    ///   (BoringSSL checks the purpose of a client certificate).
    public static func authorityAndLeaf(
        authorityName: String = "PleskSimulator Test CA",
        commonName: String = "localhost",
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1"],
        usages: [ExtendedKeyUsage.Usage] = [.serverAuth],
        notValidBefore: Date = Date(timeIntervalSinceNow: -3600),
        notValidAfter: Date = Date(timeIntervalSinceNow: 365 * 86_400)
    ) throws -> SignedPair {
        let authorityKey = P256.Signing.PrivateKey()
        let authorityCertificateKey = Certificate.PrivateKey(authorityKey)
        let authoritySubject = try DistinguishedName {
            OrganizationName("PleskSimulator")
            CommonName(authorityName)
        }
        let authorityKeyIdentifier = SubjectKeyIdentifier(hash: authorityCertificateKey.publicKey)
        let authority = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: authorityCertificateKey.publicKey,
            notValidBefore: notValidBefore,
            notValidAfter: notValidAfter.addingTimeInterval(86_400),
            issuer: authoritySubject,
            subject: authoritySubject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                authorityKeyIdentifier
            },
            issuerPrivateKey: authorityCertificateKey
        )

        let leafKey = P256.Signing.PrivateKey()
        let leafCertificateKey = Certificate.PrivateKey(leafKey)
        let leafSubject = try DistinguishedName {
            OrganizationName("PleskSimulator")
            CommonName(commonName)
        }
        let leaf = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: leafCertificateKey.publicKey,
            notValidBefore: notValidBefore,
            notValidAfter: notValidAfter,
            issuer: authoritySubject,
            subject: leafSubject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage(usages)
                SubjectKeyIdentifier(hash: leafCertificateKey.publicKey)
                AuthorityKeyIdentifier(keyIdentifier: authorityKeyIdentifier.keyIdentifier)
                SubjectAlternativeNames(try self.alternativeNames(dnsNames: dnsNames, ipAddresses: ipAddresses))
            },
            issuerPrivateKey: authorityCertificateKey
        )
        return SignedPair(authority: try self.wrap(authority, key: authorityKey), leaf: try self.wrap(leaf, key: leafKey))
    }

    /// `AB:CD:…`: upper-case, colon-separated hex of SHA-256 over the DER bytes.
    public static func sha256Fingerprint(ofDER der: some Sequence<UInt8>) -> String {
        SHA256.hash(data: Array(der)).map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + hex : hex
        }
        .joined(separator: ":")
    }

    private static func wrap(_ certificate: Certificate, key: P256.Signing.PrivateKey) throws -> TestCertificate {
        let document = try certificate.serializeAsPEM()
        return TestCertificate(
            certificatePEM: document.pemString + "\n",
            privateKeyPEM: key.pemRepresentation + "\n",
            derBytes: document.derBytes
        )
    }

    private static func alternativeNames(dnsNames: [String], ipAddresses: [String]) throws -> [GeneralName] {
        var names = dnsNames.map { GeneralName.dnsName($0) }
        for address in ipAddresses {
            names.append(.ipAddress(.init(contentBytes: try self.addressBytes(address)[...])))
        }
        return names
    }

    private static func addressBytes(_ text: String) throws -> [UInt8] {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        throw SimulatorError(.invalidAddress, "not an IP address: \(text)")
    }
}
