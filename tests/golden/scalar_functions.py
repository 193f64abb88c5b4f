def err(thunk):
    try:
        r = thunk()
        print("OK", r)
    except Exception as e:
        print(f"{type(e).__name__}", getattr(e, "getCondition", lambda: None)(), str(e).split("\n")[0].split("; line ")[0].rstrip(";")[:200])
def q(text):
    err(lambda: spark.sql("SELECT " + text).collect())
def names(text):
    err(lambda: spark.sql("SELECT " + text).columns)
# Half-even rounding
q("bround(2.5), bround(3.5), bround(-2.5), bround(25, -1), bround(2.125D, 2), bround(35L, -1), bround(2.5D)")
names("bround(2.5), bround(2.1267, 2)")
err(lambda: spark.sql("SELECT bround(2.5), bround(25, -1), bround(2.5D), bround(cast(2.5 as float))").dtypes)
# Spark's random numbers
err(lambda: spark.range(0, 4, 1, 1).select(F.rand(3), F.randn(42), F.uniform(5, 105, 3), F.uniform(5.0, 105, 3), F.randstr(8, 3)).collect())
err(lambda: spark.range(0, 1, 1, 1).select(F.uniform(5, 105).alias("u"), F.randstr(5).alias("s")).dtypes)
names("uniform(1, 10, 0), randstr(5, 0)")
# Base 32
q("to_base32(cast('foobar' as binary)), to_base32('fo'), from_base32('MZXW6YTBOI======'), from_base32('mzxw6'), from_base32('!!'), to_base32('')")
# Jaro-Winkler similarity
q("jaro_winkler_similarity('MARTHA', 'MARHTA'), jaro_winkler_similarity('', ''), jaro_winkler_similarity('a', ''), jaro_winkler_similarity('DIXON', 'DICKSONX'), jaro_winkler_similarity(null, 'a')")
# Sentences
q("sentences('Hi there! Good morning.'), sentences('Hello, world. How are you?  I am fine...'), sentences(''), sentences(null)")
q("sentences('it''s 3.5 dollars, e.g. this; x-y z_w')")
names("sentences('a b'), sentences('a b', 'en'), sentences('a b', 'en', 'US')")
# All regex matches
q("regexp_extract_all('100-200, 300-400', '(\\\\d+)-(\\\\d+)'), regexp_extract_all('100-200, 300-400', '(\\\\d+)-(\\\\d+)', 0), regexp_extract_all('ac', 'a(b)?c', 1), regexp_extract_all(null, 'a')")
q("regexp_extract_all('abc', '(a)', 3)")
# Lenient binary decoding
q("try_to_binary('abc', 'utf-8'), try_to_binary('414243'), try_to_binary('malformed', 'hex'), try_to_binary('abc', 'fmt'), try_to_binary('QUJD', 'base64'), try_to_binary('@@', 'base64')")
# Collations and the SQL path
q("collation('a'), current_path()")
err(lambda: spark.range(1).select(F.collate(F.lit("A"), "UTF8_BINARY").alias("c"), F.collation(F.lit("x"))).collect())
q("collation(1)")
# AES
q("hex(aes_encrypt('Spark', '0000111122223333', 'ECB')), hex(aes_encrypt('Spark', '0000111122223333', 'CBC', 'DEFAULT', unhex('00000000000000000000000000000000')))")
q("hex(aes_encrypt('Spark', '0000111122223333', 'GCM', 'DEFAULT', unhex('000000000000000000000000'))), hex(aes_encrypt('Spark', '000011112222333344445555', 'GCM', 'DEFAULT', unhex('000000000000000000000000')))")
q("base64(aes_encrypt('Spark', 'abcdefghijklmnop12345678ABCDEFGH', 'GCM', 'DEFAULT', unhex('000000000000000000000000'), 'This is an AAD mixed into the input'))")
q("length(aes_encrypt('Spark', '0000111122223333')), length(aes_encrypt('Spark', '0000111122223333', 'CBC')), length(aes_encrypt('Spark', '0000111122223333', 'ECB'))")
q("cast(aes_decrypt(unhex('83F16B2AA704794132802D248E6BFD4E380078182D1544813898AC97E709B28A94'), '0000111122223333') as string)")
q("cast(aes_decrypt(unbase64('AAAAAAAAAAAAAAAAAAAAAPSd4mWyMZ5mhvjiAPQJnfg='), 'abcdefghijklmnop12345678ABCDEFGH', 'CBC') as string)")
q("cast(aes_decrypt(aes_encrypt('Spark SQL', '0000111122223333', 'CBC'), '0000111122223333', 'cbc') as string)")
q("aes_encrypt('Spark', '000011112222333')")
q("aes_encrypt('Spark', '0000111122223333', 'ECB', 'NONE')")
q("aes_encrypt('Spark', '0000111122223333', 'ECB', 'DEFAULT', unhex('00000000000000000000000000000000'))")
q("aes_encrypt('Spark', '0000111122223333', 'CBC', 'DEFAULT', unhex('0000'))")
q("aes_decrypt(unhex('83F16B2AA704794132802D248E6BFD4E380078182D1544813898AC97E709B28A94'), '0000111122223334')")
q("try_aes_decrypt(unhex('00'), '0000111122223333'), try_aes_decrypt(unhex('00'), '00001111222233'), aes_encrypt(null, '0000111122223333')")
names("aes_encrypt('a', 'k'), aes_decrypt(unhex('00'), 'k'), try_aes_decrypt(unhex('00'), 'k', 'ECB')")
# HMAC
q("hex(hmac('key', 'message')), hex(hmac('key', 'message', 'SHA-1')), hex(hmac('key', 'message', 'MD5')), hex(hmac('key', 'message', 'sha-512'))")
q("hmac('key', 'message', 'SHA-3')")
q("hmac('', 'm')")
# Vectors
q("vector_cosine_similarity(array(1F,2F,3F), array(4F,5F,6F)), vector_inner_product(array(1F,2F,3F), array(4F,5F,6F)), vector_l2_distance(array(1F,2F,3F), array(4F,5F,6F))")
q("vector_norm(array(3F,4F)), vector_norm(array(3F,4F), 1F), vector_norm(array(3F,4F), float('inf')), vector_normalize(array(3F,4F)), vector_normalize(array(3F,4F), 1F)")
q("vector_cosine_similarity(array(0F,0F), array(4F,5F)), vector_normalize(array(0F,0F)), vector_norm(array(0F,0F)), vector_inner_product(array(1F,null), array(4F,5F))")
q("vector_cosine_similarity(array(1D,2D), array(4D,5D))")
q("vector_cosine_similarity(array(1F,2F), array(4F,5F,6F))")
q("vector_normalize(array(3F,4F), 3F)")
err(lambda: spark.sql("SELECT vector_norm(array(3F,4F)), vector_normalize(array(3F,4F))").dtypes)
q("vector_avg(v), vector_sum(v) FROM VALUES (array(1F,2F)), (array(3F,4F)), (null) AS t(v)")
q("vector_avg(v), vector_sum(v) FROM VALUES (array(1F,null)), (array(3F,4F)) AS t(v)")
q("vector_avg(v), vector_sum(v) FROM VALUES (cast(null as array<float>)) AS t(v)")
q("k, vector_sum(v) FROM VALUES (1, array(1F,2F)), (1, array(3F,4F)), (2, array(0.1F, 0.2F)) AS t(k, v) GROUP BY k ORDER BY k")
q("vector_avg(v) FROM VALUES (array(1F,2F)), (array(3F,4F,5F)) AS t(v)")
# Number formats
q("to_char(78.12, '$99.99'), to_char(-78.12, '999.99S'), to_char(1234.5, '9,999.00'), to_char(12, '000'), to_char(-12.5, '99.9PR'), to_char(12.5, 'S99.9'), to_char(-1, 'MI9'), to_char(123, '99'), to_char(5, '9999')")
q("to_char(12.5, '99.9PR'), to_char(-78.12, '$99.99'), to_char(5, '9,999'), to_char(5, '0,999'), to_char(1.255, '9.99'), to_char(0, '9.9'), to_char(12.3, '99.'), to_char(12, '0999.00'), to_char(12, '$999'), to_char(1.5D, '9.99')")
q("to_varchar(12, '99'), to_char(date'2024-01-02', 'yyyy/MM/dd'), to_char(X'414243', 'hex'), to_char(X'414243', 'base64'), to_char(X'414243', 'utf-8')")
names("to_varchar(12, '99'), to_char(date'2024-01-02', 'yyyy/MM/dd'), to_char(X'414243', 'hex')")
q("to_number('$78.12', '$99.99'), to_number('12,345', '99,999'), to_number('-12', 'S99'), to_number('<12>', '99PR'), to_number('12-', '99MI'), to_number('12', '999.999'), to_number('007', '000'), to_number('12,34', '99,999')")
q("to_number('77', '$99.99')")
q("to_number('12345', '99,999')")
q("try_to_number('77', '$99.99'), try_to_number('1.5', '9.9'), try_to_number('abc', '999')")
q("to_number('12', 'abc')")
q("to_number('12', '99.9.9')")
err(lambda: spark.sql("SELECT to_number('1', '99.99'), to_number('1', 'S$9,999.00PR')").dtypes)
# Geospatial values
wkb = "X'0101000000000000000000F03F0000000000000040'"
q(f"hex(st_asbinary(st_geogfromwkb({wkb}))), hex(st_asbinary(st_geomfromwkb({wkb}), 'XDR')), st_srid(st_geogfromwkb({wkb})), st_srid(st_geomfromwkb({wkb}))")
q(f"st_srid(st_geomfromwkb({wkb}, 3857)), st_srid(st_setsrid(st_geogfromwkb({wkb}), 4326)), st_srid(st_geomfromwkb(null))")
names(f"st_srid(st_geomfromwkb({wkb})), st_asbinary(st_geogfromwkb({wkb}))")
q(f"st_setsrid(st_geogfromwkb({wkb}), 3857)")
q("st_geogfromwkb(X'0101')")
q(f"st_asbinary(st_geomfromwkb({wkb}), 'abc')")
