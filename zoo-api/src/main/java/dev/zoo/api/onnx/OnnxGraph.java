package dev.zoo.api.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.google.protobuf.ByteString;
import dev.zoo.api.onnx.proto.OnnxProto.AttributeProto;
import dev.zoo.api.onnx.proto.OnnxProto.GraphProto;
import dev.zoo.api.onnx.proto.OnnxProto.ModelProto;
import dev.zoo.api.onnx.proto.OnnxProto.NodeProto;
import dev.zoo.api.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.zoo.api.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.zoo.api.onnx.proto.OnnxProto.TensorProto;
import dev.zoo.api.onnx.proto.OnnxProto.TensorShapeProto;
import dev.zoo.api.onnx.proto.OnnxProto.TypeProto;
import dev.zoo.api.onnx.proto.OnnxProto.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * An ONNX graph under construction: one float input with a free batch axis, nodes, initializers
 * (the trained parameters, as little-endian raw data) and one output, then a {@link ModelProto} of
 * IR version 8 and opset 17 (ONNX 1.12, which ONNX Runtime 1.21 reads). Tensor names are made
 * unique by a counter. The format is ONNX's {@code onnx.proto}:
 * https://onnx.ai/onnx/repo-docs/IR.html.
 */
final class OnnxGraph {

  /** The ONNX IR version written. */
  static final long IR_VERSION = 8;

  /** The version of the default ONNX operator set the nodes follow. */
  static final long OPSET = 17;

  /** The name of the free batch axis of the input and output. */
  static final String BATCH = "N";

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private int counter;

  OnnxGraph(String name) {
    graph.setName(name);
  }

  /** Declares the float input {@code name} of shape {@code (N, dims...)}; returns its name. */
  String input(String name, long... dims) {
    graph.addInput(valueInfo(name, dims));
    return name;
  }

  /** Declares {@code tensor} the float output of shape {@code (N, dims...)}. */
  void output(String tensor, long... dims) {
    graph.addOutput(valueInfo(tensor, dims));
  }

  /** Adds {@code array} (float) as an initializer named after {@code hint}; returns its name. */
  String initializer(String hint, NDArray array) {
    float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
    return initializer(hint, values, array.getShape().getShape());
  }

  /** Adds float {@code values} of shape {@code dims} as an initializer; returns its name. */
  String initializer(String hint, float[] values, long... dims) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return tensor(hint, TensorProto.DataType.FLOAT, ByteString.copyFrom(bytes.array()), dims);
  }

  /** Adds 64-bit integer {@code values} as a one-axis initializer (a shape); returns its name. */
  String longs(String hint, long... values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asLongBuffer().put(values);
    return tensor(
        hint, TensorProto.DataType.INT64, ByteString.copyFrom(bytes.array()), values.length);
  }

  private String tensor(String hint, TensorProto.DataType type, ByteString raw, long... dims) {
    String name = unique(hint);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t.setRawData(raw));
    return name;
  }

  /**
   * Adds a node of operator {@code op} on {@code inputs} with integer, integer-list, float and
   * string attributes ({@code Long}, {@code long[]}, {@code Float}, {@code String}); returns the
   * name of its one output.
   */
  String node(String op, Map<String, Object> attributes, String... inputs) {
    String out = unique(op.toLowerCase(java.util.Locale.ROOT));
    NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(out).addOutput(out);
    for (String in : inputs) {
      node.addInput(in);
    }
    attributes.forEach((key, value) -> node.addAttribute(attribute(key, value)));
    graph.addNode(node);
    return out;
  }

  /** A node without attributes. */
  String node(String op, String... inputs) {
    return node(op, Map.of(), inputs);
  }

  /** The model: this graph, the opset, the producer and {@code metadata} as key-value pairs. */
  ModelProto model(String producerVersion, Map<String, String> metadata) {
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .setProducerName("zoo")
            .setProducerVersion(producerVersion)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setGraph(graph);
    metadata.forEach(
        (k, v) ->
            model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build();
  }

  private String unique(String hint) {
    return hint + "_" + counter++;
  }

  private static AttributeProto attribute(String name, Object value) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
    if (value instanceof Long l) {
      a.setType(AttributeProto.AttributeType.INT).setI(l);
    } else if (value instanceof Integer i) {
      a.setType(AttributeProto.AttributeType.INT).setI(i);
    } else if (value instanceof Float f) {
      a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
    } else if (value instanceof String text) {
      a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(text));
    } else if (value instanceof long[] list) {
      a.setType(AttributeProto.AttributeType.INTS);
      for (long v : list) {
        a.addInts(v);
      }
    } else {
      throw new IllegalArgumentException("No ONNX attribute type for " + value.getClass() + ".");
    }
    return a.build();
  }

  private static ValueInfoProto valueInfo(String name, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    TypeProto type =
        TypeProto.newBuilder()
            .setTensorType(
                TypeProto.Tensor.newBuilder()
                    .setElemType(TensorProto.DataType.FLOAT.getNumber())
                    .setShape(shape))
            .build();
    return ValueInfoProto.newBuilder().setName(name).setType(type).build();
  }
}
