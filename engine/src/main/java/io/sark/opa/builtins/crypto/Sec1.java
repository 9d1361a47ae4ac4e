package io.sark.opa.builtins.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.List;

/** Reads a SEC 1 "EC PRIVATE KEY", which the JDK's KeyFactory does not read, as Go's x509.ParseECPrivateKey. */
public final class Sec1 {
    private Sec1() {}

    /** The block's body: SEQUENCE { 1, d, [0] curve OID, [1] point }; the curve must be named. */
    public static ECPrivateKey privateKey(byte[] der) throws GeneralSecurityException {
        try {
            List<Der> fields = Der.read(der, 0).expect(0x30).children();
            BigInteger d = new BigInteger(1, fields.get(1).expect(0x04).content());
            String curve = null;
            for (Der field : fields) {
                if (field.tag() == 0xa0) {
                    curve = GoPrivateKeys.oid(Der.read(field.content(), 0).expect(0x06).content());
                }
            }
            if (curve == null) {
                throw new GeneralSecurityException("x509: failed to parse EC private key: the curve is not named");
            }
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(curve));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, spec));
        } catch (Der.StructureError | IndexOutOfBoundsException e) {
            throw new GeneralSecurityException("x509: failed to parse EC private key: " + e.getMessage());
        }
    }
}
