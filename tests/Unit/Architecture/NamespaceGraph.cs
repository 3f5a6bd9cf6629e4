using System;
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace WASecurity.Tests.Architecture
{
    /// <summary>
    /// Which namespaces of the compiled module use which: every type a type names in its signatures, attributes,
    /// locals and method bodies (compiler-generated closures and state machines count for the type that owns them).
    /// </summary>
    public sealed class NamespaceGraph
    {
        private readonly Dictionary<string, Dictionary<string, string>> _edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);

        private NamespaceGraph(string moduleName)
        {
            ModuleName = moduleName;
        }

        /// <summary>The assembly's name; its namespaces are the ones below it.</summary>
        public string ModuleName { get; }

        /// <summary>The module's own namespaces that declare at least one type.</summary>
        public SortedSet<string> Namespaces { get; } = new SortedSet<string>(StringComparer.Ordinal);

        public static NamespaceGraph Load(string assemblyPath)
        {
            using var module = ModuleDefinition.ReadModule(assemblyPath);
            var graph = new NamespaceGraph(module.Assembly.Name.Name);
            foreach (var type in module.GetTypes())
            {
                var from = NamespaceOf(type);
                if (!graph.IsOwn(from))
                {
                    continue; // <Module>, and attributes the compiler embeds under its own namespaces
                }

                graph.Namespaces.Add(from);
                foreach (var used in TypesUsedBy(type))
                {
                    graph.Add(from, type.FullName, used);
                }
            }

            return graph;
        }

        /// <summary>Whether <paramref name="name"/> is one of the module's namespaces.</summary>
        public bool IsOwn(string name) => name == ModuleName || name.StartsWith(ModuleName + ".", StringComparison.Ordinal);

        /// <summary>The namespaces <paramref name="from"/> uses, each with one type that shows the use.</summary>
        public IReadOnlyDictionary<string, string> Uses(string from) =>
            _edges.TryGetValue(from, out var uses) ? uses : new Dictionary<string, string>();

        /// <summary>Every edge as (from, to, example).</summary>
        public IEnumerable<(string From, string To, string Example)> Edges() =>
            _edges.SelectMany(e => e.Value.Select(u => (e.Key, u.Key, u.Value)));

        /// <summary>Groups of two or more namespaces that reach each other (strongly connected components).</summary>
        public List<List<string>> Cycles()
        {
            var index = 0;
            var indices = new Dictionary<string, int>();
            var lowLinks = new Dictionary<string, int>();
            var stack = new Stack<string>();
            var onStack = new HashSet<string>();
            var result = new List<List<string>>();

            void Visit(string node)
            {
                indices[node] = lowLinks[node] = index++;
                stack.Push(node);
                onStack.Add(node);
                foreach (var next in Uses(node).Keys.Where(Namespaces.Contains))
                {
                    if (!indices.ContainsKey(next))
                    {
                        Visit(next);
                        lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                    }
                    else if (onStack.Contains(next))
                    {
                        lowLinks[node] = Math.Min(lowLinks[node], indices[next]);
                    }
                }

                if (lowLinks[node] == indices[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    if (component.Count > 1)
                    {
                        component.Sort(StringComparer.Ordinal);
                        result.Add(component);
                    }
                }
            }

            foreach (var node in Namespaces)
            {
                if (!indices.ContainsKey(node))
                {
                    Visit(node);
                }
            }

            return result;
        }

        private void Add(string from, string example, TypeReference used)
        {
            foreach (var reference in Flatten(used))
            {
                var to = NamespaceOf(reference);
                if (to.Length == 0 || to == from)
                {
                    continue;
                }

                if (!_edges.TryGetValue(from, out var uses))
                {
                    _edges[from] = uses = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                if (!uses.ContainsKey(to))
                {
                    uses[to] = example + " -> " + reference.FullName;
                }
            }
        }

        private static string NamespaceOf(TypeReference type)
        {
            while (type.DeclaringType != null)
            {
                type = type.DeclaringType;
            }

            return type.Namespace ?? string.Empty;
        }

        private static IEnumerable<TypeReference> Flatten(TypeReference? type)
        {
            switch (type)
            {
                case null:
                case GenericParameter _:
                    yield break;
                case GenericInstanceType generic:
                    foreach (var part in Flatten(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Flatten)))
                    {
                        yield return part;
                    }

                    yield break;
                case TypeSpecification specification:
                    foreach (var part in Flatten(specification.ElementType))
                    {
                        yield return part;
                    }

                    yield break;
                default:
                    yield return type;
                    yield break;
            }
        }

        private static IEnumerable<TypeReference> TypesUsedBy(TypeDefinition type)
        {
            if (type.BaseType != null)
            {
                yield return type.BaseType;
            }

            foreach (var item in type.Interfaces)
            {
                yield return item.InterfaceType;
            }

            foreach (var attribute in Attributes(type))
            {
                yield return attribute;
            }

            foreach (var field in type.Fields)
            {
                yield return field.FieldType;
                foreach (var attribute in Attributes(field))
                {
                    yield return attribute;
                }
            }

            foreach (var property in type.Properties)
            {
                yield return property.PropertyType;
                foreach (var attribute in Attributes(property))
                {
                    yield return attribute;
                }
            }

            foreach (var method in type.Methods)
            {
                yield return method.ReturnType;
                foreach (var parameter in method.Parameters)
                {
                    yield return parameter.ParameterType;
                }

                foreach (var attribute in Attributes(method))
                {
                    yield return attribute;
                }

                if (!method.HasBody)
                {
                    continue;
                }

                foreach (var local in method.Body.Variables)
                {
                    yield return local.VariableType;
                }

                foreach (var instruction in method.Body.Instructions)
                {
                    foreach (var used in OperandTypes(instruction))
                    {
                        yield return used;
                    }
                }
            }
        }

        private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider) =>
            provider.HasCustomAttributes ? provider.CustomAttributes.Select(a => a.AttributeType) : Enumerable.Empty<TypeReference>();

        private static IEnumerable<TypeReference> OperandTypes(Instruction instruction)
        {
            switch (instruction.Operand)
            {
                case TypeReference type:
                    yield return type;
                    break;
                case MethodReference method:
                    yield return method.DeclaringType;
                    yield return method.ReturnType;
                    foreach (var parameter in method.Parameters)
                    {
                        yield return parameter.ParameterType;
                    }

                    if (method is GenericInstanceMethod generic)
                    {
                        foreach (var argument in generic.GenericArguments)
                        {
                            yield return argument;
                        }
                    }

                    break;
                case FieldReference field:
                    yield return field.DeclaringType;
                    yield return field.FieldType;
                    break;
            }
        }
    }
}
