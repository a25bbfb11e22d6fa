package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerBuilder;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The JSON plumbing under the persisted shapes: one configured mapper, and nothing that knows a
 * domain type. Only the shape classes of this package are mapped as objects, and only through
 * the properties they name ({@code @JsonProperty}); anything else that is not a plain JSON value
 * (string, number, boolean, instant, UUID, currency, locale, list, map) is refused when it is
 * first written or read — a core record that slipped in would otherwise be mapped by its
 * component names, which is exactly what a refactoring must not be able to change.
 */
final class Json {
  /** The version of a body written before bodies carried one. */
  static final int LEGACY_VERSION = 1;
  private static final String SHAPES = Json.class.getPackageName();

  private final ObjectMapper mapper;

  Json() {
    SimpleModule guard = new SimpleModule("nobill-shapes-only");
    guard.setSerializerModifier(new BeanSerializerModifier() {
      @Override
      public BeanSerializerBuilder updateBuilder(SerializationConfig config, BeanDescription beanDesc,
          BeanSerializerBuilder builder) {
        requireShape(beanDesc.getBeanClass());
        return builder;
      }
    });
    guard.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription beanDesc,
          BeanDeserializerBuilder builder) {
        requireShape(beanDesc.getBeanClass());
        return builder;
      }
    });
    mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(guard)
        // A parse error's location would quote the stored body, personal data and all, into logs.
        .disable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(MapperFeature.AUTO_DETECT_CREATORS)
        .disable(MapperFeature.AUTO_DETECT_FIELDS)
        .disable(MapperFeature.AUTO_DETECT_GETTERS)
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .disable(MapperFeature.AUTO_DETECT_SETTERS)
        .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
        .build();
  }

  private static void requireShape(Class<?> type) {
    if (!type.getPackageName().equals(SHAPES)) {
      throw new IllegalStateException(type.getName() + " is not a persisted shape: stored JSON is written and read "
          + "only through the shapes of " + SHAPES);
    }
  }

  String write(Object shape) {
    try {
      return mapper.writeValueAsString(shape);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + shape.getClass().getName() + " as JSON", e);
    }
  }

  <T> T read(String json, Class<T> shape, String what) {
    try {
      return mapper.readValue(json, shape);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a stored " + what + ": " + e.getOriginalMessage(), e);
    }
  }

  <T> T read(String json, TypeReference<T> type, String what) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a stored " + what + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The shape version of a stored body: the value of a {@code "v"} member that comes first in
   * its object, as every versioned body is written; {@link #LEGACY_VERSION} for a body without
   * one (an object whose first member is another, or an array). Only the first few tokens are
   * read, so telling the version costs next to nothing beside binding the body.
   */
  int version(String json, String what) {
    try (JsonParser p = mapper.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
          || !"v".equals(p.currentName())) {
        return LEGACY_VERSION;
      }
      if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
          || p.getIntValue() < 1) {
        throw new IllegalStateException("cannot read a stored " + what + ": its shape version \"v\" is not a positive "
            + "integer");
      }
      return p.getIntValue();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read a stored " + what + ": " + e.getMessage(), e);
    }
  }

  /** The failure for a body of a version this code has no reader for. */
  static IllegalStateException unknownVersion(String what, int version, int current) {
    return new IllegalStateException("cannot read a stored " + what + " of shape version " + version + ": this NOBill "
        + "reads versions 1 to " + current + (version > current ? "; it was written by a newer NOBill" : ""));
  }
}
